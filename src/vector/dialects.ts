// The dialects the vector mount serves, tried in order (registries are data: add a dialect here).
import type { VectorDialect } from './dialect'
import { qdrant } from './qdrant/qdrant-dialect'

export const VECTOR_DIALECTS: readonly VectorDialect[] = [qdrant]
