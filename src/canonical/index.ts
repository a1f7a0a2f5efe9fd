// `decoded.ts` is the provider contract's (requests before the engine names their surface): imported
// directly, and kept out of the public entries.
export type * from './request'
export type * from './response'
export type * from './stream'
export { resultText, resultToolCalls } from './response'
