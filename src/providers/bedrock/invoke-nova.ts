/**
 * Amazon Nova on InvokeModel: the body is the Converse request shape (`messages` of content blocks,
 * `system` blocks, `toolConfig`, `inferenceConfig`), the answer the Converse response body, and each stream
 * chunk one Converse stream event keyed by its type (`{"contentBlockDelta": {...}}`).
 * @see https://docs.aws.amazon.com/nova/latest/userguide/using-invoke-api.html
 * @see https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html
 * @module
 */
import { converseResponse } from './converse-output'
import { converseEvents } from './converse-stream'
import { decodeConverse } from './decode-converse'
import {
  decodeConverseEvents,
  decodeConverseResponse,
  type ConverseEventIn,
} from './decode-converse-response'
import type { InvokeFamily } from './invoke-family'

export const novaFamily: InvokeFamily = {
  name: 'amazon nova',
  claims: (body, modelId) => body.schemaVersion === 'messages-v1' || /(^|[.:/])amazon\.nova-/.test(modelId),
  decode(body, { model, stream }) {
    return {
      kind: 'chat',
      model,
      ...decodeConverse(body),
      stream,
    }
  },
  encode: converseResponse,
  chunks: (event, result, wire) =>
    converseEvents(event, result, wire).map(({ type, body }) => ({ [type]: body })),
  response: {
    json: (body) => decodeConverseResponse(body, 'Nova response'),
    chunks: (chunks) => decodeConverseEvents(chunks.map(novaEvent), 'Nova stream'),
  },
}

/** A chunk `{"contentBlockDelta": {...}}` as the event it keys; Bedrock's metrics beside it are not one. */
function novaEvent(chunk: Record<string, unknown>): ConverseEventIn {
  const type = Object.keys(chunk).find((key) => key !== INVOCATION_METRICS) ?? ''
  return { type, body: chunk[type] }
}

const INVOCATION_METRICS = 'amazon-bedrock-invocationMetrics'
