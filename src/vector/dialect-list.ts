// The dialects the vector mount serves, tried in order (registries are data: add a dialect here, and its
// name and root paths to `dialects.ts`, which the core holds while this list loads with the vector chunk).
import { chroma } from './chroma'
import type { VectorDialect } from './dialect'
import { pinecone } from './pinecone'
import { qdrant } from './qdrant/qdrant-dialect'

export const VECTOR_DIALECT_LIST: readonly VectorDialect[] = [qdrant, pinecone, chroma]
