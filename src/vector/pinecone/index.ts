/**
 * The Pinecone dialect: the control plane at `…/indexes` and each index's data plane at the host its
 * description names, `…/indexes/<name>`. Point the client's `controllerHostUrl` at the mock (or at the
 * config's vector path); it finds each index's host by describing it.
 * @example
 * const pc = new Pinecone({ apiKey: 'test', controllerHostUrl: mock.url })
 * @module
 */
import type { MountSurface } from '../../protocols/mounts/mount'
import { dialectServer, type DialectRoute } from '../dialect-server'
import type { VectorSetup } from '../vector-setup'
import { controlPlaneRoutes } from './control-plane'
import { dataPlaneRoutes } from './data-plane'
import { controlPlaneError, dataPlaneError } from './errors'

const DATA_PLANE = new Set<DialectRoute>(dataPlaneRoutes)

/** Mount it at `/indexes` (the client's default paths) and at `<vector path>/indexes`. */
export function createPineconeServer(setup: VectorSetup): MountSurface {
  return dialectServer(
    {
      dialect: 'pinecone',
      anchor: '/indexes',
      routes: [...dataPlaneRoutes, ...controlPlaneRoutes],
      renderError: (error, route) =>
        route && DATA_PLANE.has(route) ? dataPlaneError(error) : controlPlaneError(error),
    },
    setup,
  )
}
