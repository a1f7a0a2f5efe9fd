/**
 * The Chroma dialect: Chroma's v2 HTTP API (`/api/v2`) on the store. The `chromadb` client takes no base
 * path, so it reaches the mock at the root (`new ChromaClient({ host, port })`) and a standin session
 * travels in the `x-standin-session` header.
 * @module
 */
import { routedDialect } from '../dialect-server'
import { collectionRoutes } from './collections'
import { chromaError } from './errors'
import { recordRoutes } from './records'
import { systemRoutes, tenantRoutes } from './system'

export const chroma = routedDialect({
  name: 'chroma',
  root: '/api/v2',
  // Record routes before the collection routes: `/collections/{id}/count` is not a collection named `count`.
  routes: [...systemRoutes, ...recordRoutes, ...collectionRoutes, ...tenantRoutes],
  renderError: (error) => chromaError(error),
})
