/**
 * `standin/msw`: standin as MSW request handlers, next to your own. Imports only `msw` (never
 * `msw/node`), so it works with `setupServer` and `setupWorker` alike; `standinServer()` lives in
 * `standin/msw/node`.
 * @module
 */
export { standinHandlers } from './standin-handlers'
export type { StandinHandlersOptions, StandinTarget, UnknownRouteMode } from './standin-handlers'
export { PROVIDER_HOSTS } from './provider-hosts'
export type { HostPattern, ProviderName } from './provider-hosts'
export { ownsRequest } from './owns-request'
export type { Ownership } from './owns-request'
