/**
 * The vector chunk: the store and the Qdrant, Pinecone and Chroma dialects, which most processes never
 * use. In the package it is its own file (`dist/internal/chunk-vector.js`), loaded through the code-cache
 * loader on the first call of one of these functions (scripts/build/chunks.ts); it may export only plain
 * functions (the core's stubs wrap each one).
 * @module
 */
import type { MountReply } from '../protocols/mounts/mount'
import type { DialectContext, VectorDialect } from './dialect'
import { VECTOR_DIALECT_LIST } from './dialect-list'
import { VectorStore, type VectorStoreOptions } from './store'

/** Serves `context` with the dialect named `name` (the manifest in `dialects.ts` names the same ones). */
export function serveDialect(name: string, context: DialectContext): Promise<MountReply | undefined> {
  const dialect = VECTOR_DIALECT_LIST.find((d) => d.name === name)
  if (!dialect) throw new Error(`standin: no vector dialect named ${name}`)
  return dialect.serve(context)
}

/** The dialects' names and root paths, for the test that the core's manifest matches them. */
export function dialectManifest(): Pick<VectorDialect, 'name' | 'rootMounts' | 'rootPaths'>[] {
  return VECTOR_DIALECT_LIST.map(({ name, rootMounts, rootPaths }) => ({ name, rootMounts, rootPaths }))
}

/** A session's vector store. */
export function createVectorStore(options: VectorStoreOptions): VectorStore {
  return new VectorStore(options)
}
