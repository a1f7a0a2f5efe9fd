/**
 * Bedrock's Converse API: `POST /model/{modelId}/converse` (JSON) and `/converse-stream` (AWS event
 * stream). One request shape for every model; the model id is the path label.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @module
 */
import type { ChatSurface } from '../provider'
import { converseResponse, type ConverseWire } from './converse-output'
import { converseEvents } from './converse-stream'
import { decodeConverse } from './decode-converse'
import { decodeConverseEvents, decodeConverseResponse } from './decode-converse-response'
import { decodeBedrockError } from './decode-error'
import { eventStreamEvents } from './decode-event-stream'
import { bedrockError, bedrockErrorHeaders } from './errors'
import { eventMessage } from './event-message'
import { isStreamRoute, modelIdOf } from './model-id'
import { requireObject } from './validation'

export const converseSurface: ChatSurface<ConverseWire> = {
  kind: 'chat',
  id: 'bedrock.converse',
  provider: 'bedrock',
  routes: [
    { method: 'POST', path: '/model/{modelId+}/converse' },
    { method: 'POST', path: '/model/{modelId+}/converse-stream' },
  ],
  // Bedrock's tool-use ids look like `tooluse_...`; Converse responses carry no response id.
  idPrefixes: { response: 'msg_bdrk_', toolCall: 'tooluse_' },

  decode(body, context) {
    const parts = decodeConverse(requireObject(body))
    return {
      request: {
        kind: 'chat',
        model: modelIdOf(context),
        ...parts,
        stream: isStreamRoute(context),
      },
      wire: { started: performance.now() },
    }
  },

  encode: converseResponse,

  stream: {
    framing: 'aws-eventstream',
    frames: (event, result, wire) =>
      converseEvents(event, result, wire).map(({ type, body }) => eventMessage(type, body)),
  },

  encodeError: bedrockError,
  errorHeaders: bedrockErrorHeaders,

  response: {
    json: (body) => decodeConverseResponse(body),
    stream: (frames) => decodeConverseEvents(eventStreamEvents(frames, 'ConverseStream')),
    error: decodeBedrockError,
  },
}
