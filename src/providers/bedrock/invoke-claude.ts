/**
 * Anthropic Claude on InvokeModel: the body is an Anthropic Messages request without `model` (the path
 * names it) and with `anthropic_version` (`bedrock-2023-05-31`); the answer is an Anthropic `Message` and
 * each stream chunk one Anthropic stream event. The wire code, and the decoders that read it back, are
 * Anthropic's own.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 * @module
 */
import {
  anthropicStreamFrames,
  decodeAnthropicBody,
  decodeAnthropicEvents,
  decodeAnthropicMessage,
  encodeAnthropicMessage,
} from '../anthropic'
import type { InvokeFamily } from './invoke-family'

export const claudeFamily: InvokeFamily = {
  name: 'anthropic',
  claims: (body, modelId) => body.anthropic_version !== undefined || /(^|[.:/])anthropic\./.test(modelId),
  decode(body, { model, stream }) {
    return decodeAnthropicBody(body, { model, stream, requireAnthropicVersion: true }).request
  },
  encode: encodeAnthropicMessage,
  chunks: anthropicStreamFrames,
  response: { json: decodeAnthropicMessage, chunks: decodeAnthropicEvents },
}
