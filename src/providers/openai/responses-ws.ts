/**
 * The Responses API over WebSocket (`/v1/responses` upgraded): each `response.create` client event carries
 * a Responses create body and is answered with the same events, in the same order, as the Responses SSE
 * stream (one JSON text frame each, from the same frame encoder). `previous_response_id` resolves against
 * the session's stored responses, and with `store: false` against the connection's most recent response,
 * as OpenAI keeps it in connection-local memory. `generate: false` prepares a response to chain from
 * without a model turn. Bad client events get an `error` event; the connection stays open.
 * @see https://platform.openai.com/docs/guides/websocket-mode
 * @module
 */
import type { ChatResult, ErrorResult } from '../../canonical'
import { toErrorResult } from '../../engine/fail'
import { WireError } from '../../errors'
import type { WebSocketSurface, WsConnection, WsHandler } from '../../websocket/surface'
import { WS_CLOSE } from '../../websocket/surface'
import { isObject, type Json } from '../wire/json-guards'
import { openaiError } from './errors'
import { responsesResponseDecoding } from './decode-responses-response'
import { decodeResponsesRequest, type ResponsesWire } from './responses-decode'
import { memoryWith, responseStore, ResponseStore } from './responses-store'
import { responsesFrames } from './responses-stream'

export const responsesWebSocketSurface: WebSocketSurface = {
  kind: 'websocket',
  id: 'openai.responses-ws',
  provider: 'openai',
  paths: ['/v1/responses'],
  idPrefixes: { response: 'resp_', toolCall: 'call_' },
  connect: (connection) => new ResponsesSocket(connection).handler(),
  // The events are the Responses SSE stream's, one per frame: read back by the SSE stream's reader.
  record: {
    ends: (event) => isObject(event) && typeof event.type === 'string' && ENDS.has(event.type),
    read: (events) =>
      responsesResponseDecoding.stream!(
        events.map((data) => ({ event: isObject(data) ? data.type : undefined, data })),
        {} as ResponsesWire,
      ),
  },
}

/** The events that end a response over WebSocket. */
const ENDS = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error'])

/**
 * Ids resolve against the session's stored responses first, then the connection's latest `store: false`
 * one; stored responses are saved for the session (so `GET /v1/responses/{id}` finds them over HTTP too).
 */
class ConnectionResponses extends ResponseStore {
  readonly #shared: ResponseStore
  /** The most recent `store: false` response of this connection, replaced by the next. */
  latest = new ResponseStore()

  constructor(shared: ResponseStore) {
    super()
    this.#shared = shared
  }

  override get(id: string) {
    return this.#shared.get(id) ?? this.latest.get(id)
  }

  override item(id: string) {
    return this.#shared.item(id) ?? this.latest.item(id)
  }

  override save(...args: Parameters<ResponseStore['save']>): void {
    this.#shared.save(...args)
  }

  override delete(id: string): boolean {
    return this.#shared.delete(id)
  }
}

class ResponsesSocket {
  readonly #connection: WsConnection
  readonly #responses: ConnectionResponses

  constructor(connection: WsConnection) {
    this.#connection = connection
    this.#responses = new ConnectionResponses(responseStore(connection.memory))
  }

  handler(): WsHandler {
    return { message: (data, binary) => this.#message(data, binary) }
  }

  async #message(data: string | Uint8Array, binary: boolean): Promise<void> {
    try {
      await this.#create(readCreateEvent(data, binary), data as string)
    } catch (error) {
      await this.#error(toErrorResult(error, Infinity))
    }
  }

  async #create(body: Json, text: string): Promise<void> {
    const connection = this.#connection
    const { request, wire } = decodeResponsesRequest(body, {
      url: connection.url,
      params: {},
      headers: connection.headers,
      memory: memoryWith(this.#responses),
    })
    if (body.store === false) wire.store = this.#responses.latest = new ResponseStore()
    if (body.generate === false) return this.#prepare(request.model, wire)
    const turn = await connection.turn({ ...request, stream: true }, { body: text })
    if (turn.kind === 'error' || turn.kind === 'miss') this.#evict(body.previous_response_id)
    switch (turn.kind) {
      case 'closed':
        return
      case 'error':
        return this.#error(turn)
      case 'miss':
        await this.#error(missError(turn.message, connection.strict))
        if (connection.strict) connection.close(WS_CLOSE.strictMiss, 'standin: no fixture matched')
        return
      case 'chat':
        for await (const event of turn.events) await this.#frames(event, turn.result, wire)
    }
  }

  /** A continuation that failed drops the connection-local response it continued, as OpenAI does. */
  #evict(previous: unknown): void {
    if (typeof previous === 'string' && this.#responses.latest.get(previous))
      this.#responses.latest = new ResponseStore()
  }

  /** `generate: false`: a response with no output, created and completed, that later turns chain from. */
  async #prepare(model: string | undefined, wire: ResponsesWire): Promise<void> {
    const result: ChatResult = {
      kind: 'chat',
      id: this.#connection.id('resp_'),
      model: model ?? '',
      created: this.#connection.now(),
      blocks: [],
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
    }
    await this.#frames({ type: 'start' }, result, wire)
    await this.#frames({ type: 'finish', result }, result, wire)
    // What a later turn continues is the prepared input alone: there was no output.
    const stored = wire.store?.get(result.id)
    if (stored) wire.store!.save(result.id, { ...stored, conversation: wire.conversation }, [])
  }

  async #frames(event: Parameters<typeof responsesFrames>[0], result: ChatResult, wire: ResponsesWire) {
    for (const frame of responsesFrames(event, result, wire)) await this.#connection.send(frame.data)
  }

  /**
   * OpenAI's WebSocket error event: the HTTP status and the error envelope the HTTP API would send. An
   * unknown `previous_response_id` is a 400 here (a 404 over HTTP), as the WebSocket mode guide shows it.
   */
  async #error(error: ErrorResult): Promise<void> {
    const status = error.code === 'previous_response_not_found' ? 400 : error.status
    await this.#connection.send({ type: 'error', status, ...(openaiError(error) as Json) })
  }
}

/** The one client event: `response.create`, whose other fields are a Responses create body. */
function readCreateEvent(data: string | Uint8Array, binary: boolean): Json {
  if (binary)
    throw new WireError(400, 'Binary frames are not supported: send each event as a JSON text frame.')
  let event: unknown
  try {
    event = JSON.parse(data as string)
  } catch {
    throw new WireError(400, 'We could not parse the JSON body of your event.', { wireCode: 'invalid_json' })
  }
  if (!isObject(event)) throw new WireError(400, 'The event must be a JSON object.')
  const { type, ...body } = event
  if (type === undefined) throw required('type')
  if (type !== 'response.create') {
    throw new WireError(400, `Invalid value: '${String(type)}'. Supported values are: 'response.create'.`, {
      param: 'type',
      wireCode: 'invalid_value',
    })
  }
  if (body.background === true) {
    throw new WireError(400, "'background' is not supported over WebSocket.", {
      param: 'background',
      wireCode: 'unsupported_parameter',
    })
  }
  return body
}

function required(param: string): WireError {
  return new WireError(400, `Missing required parameter: '${param}'.`, {
    param,
    wireCode: 'missing_required_parameter',
  })
}

function missError(message: string, strict: boolean): ErrorResult {
  return {
    kind: 'error',
    status: strict ? 503 : 404,
    message,
    type: strict ? 'standin_strict_no_match' : 'standin_no_match',
    code: 'no_fixture_match',
  }
}
