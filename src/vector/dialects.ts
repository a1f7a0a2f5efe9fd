/**
 * The dialects the vector mount serves, tried in order, as the core knows them: each one's name and the
 * root paths every mock mounts. Their wire code (and the store) loads with the vector chunk on the first
 * request one of them serves (`chunk.ts`); `dialect-list.ts` holds the implementations in the same order,
 * and a test checks that the two agree.
 * @module
 */
import { serveDialect } from './chunk'
import type { DialectContext, VectorDialect } from './dialect'

function lazyDialect(
  name: string,
  rootMounts: readonly string[],
  rootPaths?: readonly string[],
): VectorDialect {
  const dialect: VectorDialect = {
    name,
    rootMounts,
    serve: (context: DialectContext) => serveDialect(name, context),
  }
  if (rootPaths) dialect.rootPaths = rootPaths
  return dialect
}

export const VECTOR_DIALECTS: readonly VectorDialect[] = [
  lazyDialect('qdrant', ['/collections'], ['/']),
  lazyDialect('pinecone', ['/indexes']),
  lazyDialect('chroma', ['/api/v2']),
]
