/** The session memory every dialect (a mount with `provider: 'vector'`) shares: one store per session. */
export const VECTOR_PROVIDER = 'vector'
