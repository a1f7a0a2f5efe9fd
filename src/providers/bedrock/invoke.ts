/**
 * Bedrock's InvokeModel for Anthropic Claude and Amazon Nova bodies: `POST /model/{modelId}/invoke`
 * answers with the model family's native JSON body, and `/invoke-with-response-stream` with AWS
 * event-stream `chunk` events, each a PayloadPart `{"bytes": "<base64 of one native stream chunk>"}`.
 * The last chunk carries `amazon-bedrock-invocationMetrics`, as Bedrock adds it.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html
 * @module
 */
import type { ChatResult, StreamEvent, Usage } from '../../canonical'
import { WireError } from '../../errors'
import type { EventStreamMessage } from '../../streaming/aws-event-stream'
import type { ChatSurface, DecodedChatResult } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { elapsedMs, type ConverseWire } from './converse-output'
import { decodeBedrockError } from './decode-error'
import { invokeChunks } from './decode-event-stream'
import { bedrockError, bedrockErrorHeaders } from './errors'
import { eventMessage } from './event-message'
import { claudeFamily } from './invoke-claude'
import type { InvokeFamily } from './invoke-family'
import { novaFamily } from './invoke-nova'
import { isStreamRoute, modelIdOf } from './model-id'
import { requireObject } from './validation'

const FAMILIES: InvokeFamily[] = [claudeFamily, novaFamily]

interface InvokeWire extends ConverseWire {
  family: InvokeFamily
  /** Milliseconds from decoding to the first stream event. */
  firstByte?: number
}

export const invokeSurface: ChatSurface<InvokeWire> = {
  kind: 'chat',
  id: 'bedrock.invoke',
  provider: 'bedrock',
  routes: [
    { method: 'POST', path: '/model/{modelId+}/invoke' },
    { method: 'POST', path: '/model/{modelId+}/invoke-with-response-stream' },
  ],
  // Claude on Bedrock names its messages `msg_bdrk_...` and its tool uses `toolu_bdrk_...`.
  idPrefixes: { response: 'msg_bdrk_', toolCall: 'toolu_bdrk_' },

  decode(raw, context) {
    const body = requireObject(raw)
    const model = modelIdOf(context)
    const family = FAMILIES.find((f) => f.claims(body, model))
    if (!family) {
      throw new WireError(
        400,
        `Malformed input request: standin reads InvokeModel bodies for ${FAMILIES.map((f) => f.name).join(', ')} models (model '${model}'); use Converse for others.`,
        { type: 'ValidationException' },
      )
    }
    const request = family.decode(body, { model, stream: isStreamRoute(context) })
    return { request, wire: { family, started: performance.now() } }
  },

  encode: (result, wire) => wire.family.encode(result, wire),

  stream: { framing: 'aws-eventstream', frames: invokeFrames },

  encodeError: bedrockError,
  errorHeaders: bedrockErrorHeaders,

  // The family that read the request reads its answer.
  response: {
    json: (body, wire) => wire.family.response.json(body),
    stream: (frames, wire) => decodeInvokeStream(frames, wire.family),
    error: decodeBedrockError,
  },
}

const INVOCATION_METRICS = 'amazon-bedrock-invocationMetrics'

/**
 * The family's chunks, decoded by the family. Bedrock's invocation metrics (on the last chunk) stand in for
 * token counts the family's own events left out.
 */
function decodeInvokeStream(frames: unknown[], family: InvokeFamily): DecodedChatResult {
  const chunks = invokeChunks(frames, `InvokeModelWithResponseStream (${family.name})`)
  const decoded = family.response.chunks(chunks)
  const metrics = chunks.map((chunk) => chunk[INVOCATION_METRICS]).find(isObject)
  if (!metrics) return decoded
  const usage = { ...metricsUsage(metrics), ...decoded.usage }
  return Object.keys(usage).length > 0 ? { ...decoded, usage } : decoded
}

function metricsUsage(metrics: Json): Partial<Usage> {
  const usage: Partial<Usage> = {}
  if (typeof metrics.inputTokenCount === 'number') usage.inputTokens = metrics.inputTokenCount
  if (typeof metrics.outputTokenCount === 'number') usage.outputTokens = metrics.outputTokenCount
  return usage
}

function invokeFrames(event: StreamEvent, result: ChatResult, wire: InvokeWire): EventStreamMessage[] {
  if (event.type === 'start') wire.firstByte = elapsedMs(wire)
  const chunks = wire.family.chunks(event, result, wire)
  const last = chunks.at(-1)
  if (event.type === 'finish' && last)
    chunks[chunks.length - 1] = { ...last, 'amazon-bedrock-invocationMetrics': metrics(result, wire) }
  return chunks.map((chunk) =>
    eventMessage('chunk', { bytes: Buffer.from(JSON.stringify(chunk)).toString('base64') }),
  )
}

function metrics(result: ChatResult, wire: InvokeWire): Record<string, number> {
  return {
    inputTokenCount: result.usage.inputTokens,
    outputTokenCount: result.usage.outputTokens,
    invocationLatency: elapsedMs(wire),
    firstByteLatency: wire.firstByte ?? 0,
  }
}
