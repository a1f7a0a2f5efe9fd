// The vector store every dialect (Qdrant, Pinecone, Chroma) serves from, one per session.
export type * from './types'
export { VectorStore, DEFAULT_VECTOR_LIMITS, type VectorStoreOptions, type QueryAnswer } from './store'
export { VectorStoreError, type VectorStoreErrorReason } from './errors'
export { CannedQueries, cannedMatches } from './canned'
export { VectorSetup, VECTOR_PROVIDER } from './vector-setup'
export { score, higherIsNearer, compareIds } from './similarity'
