/**
 * A vector database dialect (Qdrant, Pinecone, Chroma): the wire format of one client, served from the
 * session's {@link VectorStore}. Dialects are data: `vector-mount.ts` tries them in order, so adding one is
 * adding an entry to the list in `dialects.ts`.
 * @module
 */
import type { MountContext, MountReply } from '../protocols/mounts/mount'
import type { VectorStore } from './store'

/** What a dialect sees of a request: the mount context, the path as its client sent it, and the store. */
export interface DialectContext extends Omit<MountContext, 'path'> {
  /**
   * The path below the dialect's base URL as the client sent it (`/collections/docs/points`), whether the
   * request came to the seed's mount path (`/vector/collections/docs/points`) or to the root.
   */
  path: string
  /** This session's store (shared by every dialect). */
  store: VectorStore
}

export interface VectorDialect {
  /** `qdrant`, `pinecone`, `chroma`: the journal's `request.dialect` (and `request.surface`). */
  name: string
  /**
   * Paths below which the client's default URL puts every request (`/collections` for Qdrant), mounted at
   * the root of the mock besides the seed's mount path.
   */
  rootMounts: readonly string[]
  /** Exact paths answered at the root too (Qdrant's version at `/`). */
  rootPaths?: readonly string[]
  /** Answers the request, or undefined when the path is not one of this dialect's routes. */
  serve(context: DialectContext): Promise<MountReply | undefined>
}
