/**
 * The Chroma dialect: Chroma's v2 HTTP API (`/api/v2`) on the store. The `chromadb` client has no base path,
 * so it reaches the mock at the root: `new ChromaClient({ host, port })`; the standin session then travels
 * in the `x-standin-session` header.
 * @example
 * const { hostname, port } = new URL(mock.url)
 * const chroma = new ChromaClient({ host: hostname, port: Number(port) })
 * @module
 */
import type { MountSurface } from '../../protocols/mounts/mount'
import { dialectServer } from '../dialect-server'
import type { VectorSetup } from '../vector-setup'
import { collectionRoutes, systemRoutes, tenantRoutes } from './collections'
import { chromaError } from './errors'
import { recordRoutes } from './records'

/** Mount it at `/api/v2` (where the client calls) and, if wanted, at `<vector path>/api/v2`. */
export function createChromaServer(setup: VectorSetup): MountSurface {
  return dialectServer(
    {
      dialect: 'chroma',
      anchor: '/api/v2',
      // Record routes before the collection routes: `/collections/{id}/count` is not a collection named `count`.
      routes: [...systemRoutes, ...recordRoutes, ...collectionRoutes, ...tenantRoutes],
      renderError: (error) => chromaError(error),
    },
    setup,
  )
}
