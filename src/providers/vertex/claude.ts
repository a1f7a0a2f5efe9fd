/**
 * Claude on Vertex AI: `…/projects/{p}/locations/{l}/publishers/anthropic/models/{m}:rawPredict` (JSON) and
 * `:streamRawPredict` (SSE), with Anthropic Messages bodies that carry `anthropic_version` and no `model`
 * (the model is in the path), and `…/models/count-tokens:rawPredict` for token counting (model in the
 * body), as `@anthropic-ai/vertex-sdk` rewrites `messages.create` and `messages.countTokens`.
 * @see https://docs.anthropic.com/en/api/claude-on-vertex-ai
 * @module
 */
import {
  anthropicError,
  anthropicErrorHeaders,
  anthropicSseFrames,
  countTokensReply,
  decodeAnthropicBody,
  encodeAnthropicMessage,
  type AnthropicWire,
} from '../anthropic'
import type { ChatSurface, StaticSurface, Surface } from '../provider'
import { isObject } from '../wire/json-guards'
import { vertexClaudeResponse } from './claude-response'

const MODELS = '**/projects/{project}/locations/{location}/publishers/anthropic/models'

/** Vertex marks its ids (`msg_vrtx_…`, `toolu_vrtx_…`). */
const ID_PREFIXES = { response: 'msg_vrtx_', toolCall: 'toolu_vrtx_' }

const countTokensSurface: StaticSurface = {
  kind: 'static',
  id: 'vertex.claude.count-tokens',
  provider: 'vertex',
  routes: [{ method: 'POST', path: `${MODELS}/count-tokens:rawPredict` }],
  serve: (context) => countTokensReply(context.body),
  encodeError: anthropicError,
}

const rawPredictSurface: ChatSurface<AnthropicWire> = {
  kind: 'chat',
  id: 'vertex.claude',
  provider: 'vertex',
  routes: [
    { method: 'POST', path: `${MODELS}/{model}:rawPredict` },
    { method: 'POST', path: `${MODELS}/{model}:streamRawPredict` },
  ],
  idPrefixes: ID_PREFIXES,
  decode(body, context) {
    const streamRoute = context.url.pathname.endsWith(':streamRawPredict')
    const streamBody = isObject(body) && body.stream === true
    return decodeAnthropicBody(body, {
      model: context.params.model!,
      stream: streamRoute || streamBody,
      requireAnthropicVersion: true,
    })
  },
  encode: encodeAnthropicMessage,
  stream: { framing: 'sse', frames: anthropicSseFrames },
  encodeError: anthropicError,
  errorHeaders: anthropicErrorHeaders,
  response: vertexClaudeResponse,
}

/** Count tokens first: its literal `count-tokens` segment would otherwise read as a model name. */
export const vertexClaudeSurfaces: Surface[] = [countTokensSurface, rawPredictSurface]
