/**
 * Chaos: drop, malformed and disconnect at the server, session, fixture and request levels, decided once
 * per request from its session's (seedable) random stream. The engine applies it to every surface.
 * @module
 */
export { applyChaos, DROP_ERROR, journalChaos } from './apply'
export { Chaos } from './chaos'
export { ChaosRateError, checkRates, headerRates, type ChaosAction, type ChaosRates } from './rates'
