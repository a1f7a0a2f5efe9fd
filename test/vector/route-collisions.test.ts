/**
 * The vector mounts sit before the router: they must claim no path an LLM surface serves. Every literal
 * provider route is checked against the seed's path and each dialect's root mounts and root paths.
 */
import { expect, test } from 'vitest'
import { SURFACES } from '../../src/providers'
import { DEFAULT_VECTOR_PATH } from '../../src/vector/config'
import { VECTOR_DIALECTS } from '../../src/vector/dialects'

test('no provider route lies under a vector mount or on a vector root path', () => {
  const mounts = [DEFAULT_VECTOR_PATH, ...VECTOR_DIALECTS.flatMap((d) => d.rootMounts)]
  const rootPaths = VECTOR_DIALECTS.flatMap((d) => d.rootPaths ?? [])
  const routes = SURFACES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`))
  expect(routes.length).toBeGreaterThan(20)
  const claimed = routes.filter((route) => {
    const path = route.slice(route.indexOf(' ') + 1)
    return (
      rootPaths.includes(path) ||
      mounts.some((m) => path === m || path.startsWith(`${m}/`) || path.startsWith(`${m}{`))
    )
  })
  expect(claimed).toEqual([])
})

test("the core's dialect manifest names the chunk's dialects, in order, with their root paths", async () => {
  // The core holds only names and root paths (dialects.ts); the wire code loads with the vector chunk.
  const { dialectManifest } = await import('../../src/vector/chunk')
  const manifest = VECTOR_DIALECTS.map(({ name, rootMounts, rootPaths }) => ({ name, rootMounts, rootPaths }))
  expect(manifest).toEqual(dialectManifest())
  expect(manifest.map((d) => d.name)).toEqual(['qdrant', 'pinecone', 'chroma'])
})
