export type * from './request'
export type * from './response'
export type * from './stream'
export { resultText, resultToolCalls } from './response'
