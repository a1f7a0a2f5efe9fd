/**
 * The Pinecone dialect: the control plane at `/indexes` and each index's data plane at the host its
 * description names, `…/indexes/<name>` on the mock (with the standin session and mount path the request
 * came in on). Point the client's `controllerHostUrl` at the mock; it finds each index's host by
 * describing it. Below the vector path, the data plane is also served without an index in the path
 * (`/vector/query`), as AIMock served it.
 * @example
 * const pc = new Pinecone({ apiKey: 'test', controllerHostUrl: mock.url })
 * @module
 */
import { routedDialect, type DialectRoute } from '../dialect-server'
import { controlPlaneRoutes } from './control-plane'
import { dataPlaneRoutes } from './data-plane'
import { controlPlaneError, dataPlaneError } from './errors'
import { HOSTLESS_PREFIXES, hostlessRoutes } from './hostless'

const DATA_PLANE = new Set<DialectRoute>([...dataPlaneRoutes, ...hostlessRoutes])

export const pinecone = routedDialect({
  name: 'pinecone',
  root: '/indexes',
  seedPaths: HOSTLESS_PREFIXES,
  routes: [...dataPlaneRoutes, ...controlPlaneRoutes, ...hostlessRoutes],
  renderError: (error, route) =>
    route && DATA_PLANE.has(route) ? dataPlaneError(error) : controlPlaneError(error),
})
