/**
 * Anthropic: the Messages API, token counting and the model list, plus the wire functions that Claude on
 * Vertex and Bedrock's invoke reuse for Anthropic bodies.
 * @module
 */
import type { Surface } from '../provider'
import { countTokensSurface } from './count-tokens'
import { messagesSurface } from './messages'
import { modelsSurface } from './models'

export const anthropicSurfaces: Surface[] = [countTokensSurface, messagesSurface, modelsSurface]

export { decodeAnthropicBody, type AnthropicDecodeOptions, type AnthropicWire } from './decode'
export { anthropicStopReason, anthropicUsage, encodeAnthropicMessage } from './encode'
export { anthropicStreamFrames, type AnthropicStreamEvent } from './stream'
export { anthropicSseFrames } from './sse-frames'
export { anthropicError, anthropicErrorHeaders, anthropicErrorType } from './errors'
export { countTokensReply } from './count-tokens'
export { ANTHROPIC_ID_PREFIXES, anthropicResponse } from './messages'
export {
  anthropicFinish,
  anthropicUsageOf,
  decodeAnthropicEvents,
  decodeAnthropicMessage,
  decodeAnthropicSse,
} from './decode-response'
export { decodeAnthropicError, errorHeaderFields } from './decode-error'
