// The dialects the vector mount serves, tried in order (registries are data: add a dialect here).
import { chroma } from './chroma'
import type { VectorDialect } from './dialect'
import { pinecone } from './pinecone'
import { qdrant } from './qdrant/qdrant-dialect'

export const VECTOR_DIALECTS: readonly VectorDialect[] = [qdrant, pinecone, chroma]
