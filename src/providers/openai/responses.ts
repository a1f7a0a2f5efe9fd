/**
 * OpenAI Responses API: `POST /v1/responses` (and any path ending in `/responses`), as JSON or as typed
 * SSE; `GET` and `DELETE /v1/responses/{id}` for the responses this mock produced.
 * @see https://platform.openai.com/docs/api-reference/responses
 * @module
 */
import { jsonReply } from '../../core/reply'
import type { ChatSurface, StaticSurface, Surface } from '../provider'
import { responsesResponseDecoding } from './decode-responses-response'
import { openaiError } from './errors'
import { decodeResponsesRequest, type ResponsesWire } from './responses-decode'
import { saveResponse } from './responses-save'
import { responseStore } from './responses-store'
import { responsesFrames } from './responses-stream'

export const responsesSurface: ChatSurface<ResponsesWire> = {
  kind: 'chat',
  id: 'openai.responses',
  provider: 'openai',
  routes: [{ method: 'POST', path: '**/responses' }],
  idPrefixes: { response: 'resp_', toolCall: 'call_' },
  decode: decodeResponsesRequest,
  encode: saveResponse,
  stream: { framing: 'sse', frames: responsesFrames },
  response: responsesResponseDecoding,
  encodeError: openaiError,
}

/**
 * `GET /v1/responses/{id}`: a response this mock produced and stored.
 * @see https://platform.openai.com/docs/api-reference/responses/get
 */
export const retrieveResponseSurface: StaticSurface = {
  kind: 'static',
  id: 'openai.responses.retrieve',
  provider: 'openai',
  routes: [{ method: 'GET', path: '**/responses/{id}' }],
  serve({ params, memory }) {
    const stored = responseStore(memory).get(params.id!)
    return stored ? jsonReply(200, stored.body) : notFound(params.id!)
  },
  encodeError: openaiError,
}

/**
 * `DELETE /v1/responses/{id}`: forgets a stored response, so later references to it fail as they would.
 * @see https://platform.openai.com/docs/api-reference/responses/delete
 */
export const deleteResponseSurface: StaticSurface = {
  kind: 'static',
  id: 'openai.responses.delete',
  provider: 'openai',
  routes: [{ method: 'DELETE', path: '**/responses/{id}' }],
  serve({ params, memory }) {
    const id = params.id!
    return responseStore(memory).delete(id)
      ? jsonReply(200, { id, object: 'response', deleted: true })
      : notFound(id)
  },
  encodeError: openaiError,
}

function notFound(id: string) {
  return jsonReply(
    404,
    openaiError({
      kind: 'error',
      status: 404,
      message: `Response with id '${id}' not found.`,
      type: 'invalid_request_error',
    }),
  )
}

export const responsesSurfaces: Surface[] = [responsesSurface, retrieveResponseSurface, deleteResponseSurface]
