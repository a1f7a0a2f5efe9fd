/**
 * OpenAI Realtime over WebSocket (`/v1/realtime?model=…`), GA and beta: session, conversation items, the
 * input audio buffer, responses (text, audio, function calls) answered from the fixtures through the engine's
 * turn, and `response.cancel`. Each `response.create` is one turn: the conversation so far as a canonical chat
 * request, journaled and matched like an HTTP chat request.
 * @see https://platform.openai.com/docs/api-reference/realtime-client-events
 * @see ../../../../docs/websocket.md
 * @module
 */
import { resultText } from '../../../canonical'
import type { WebSocketSurface, WsConnection, WsHandler, WsTurn } from '../../../websocket/surface'
import { WS_CLOSE } from '../../../websocket/surface'
import { isObject, type Json } from '../../wire/json-guards'
import { isBase64, spokenText } from './audio'
import { checkItem, Conversation, turnRequest } from './conversation'
import { realtimeRecording } from './decode-events'
import { BETA_PROTOCOL, dialectOf, type Dialect } from './dialect'
import { invalidType, invalidValue, missing, RealtimeProblem, type RealtimeErrorBody } from './problem'
import { streamResponse } from './respond'
import {
  checkSessionFields,
  DEFAULT_MODEL,
  defaultSession,
  outputModalities,
  transcribesInput,
  updateSession,
} from './session-config'

/** The input audio buffer's cap, as the API documents for one append (15 MiB). */
const AUDIO_BUFFER_LIMIT = 15 * 1024 * 1024
/** PCM16 at 24 kHz: bytes per millisecond. */
const BYTES_PER_MS = 48

export const realtimeSurface: WebSocketSurface = {
  kind: 'websocket',
  id: 'openai.realtime',
  provider: 'openai',
  paths: ['/v1/realtime'],
  idPrefixes: { response: 'resp_', toolCall: 'call_' },
  // Browsers offer `realtime` (and the beta's `openai-beta.realtime-v1`); the server answers `realtime`.
  protocol: (offered) => offered.find((p) => p === 'realtime') ?? offered.find((p) => p === BETA_PROTOCOL),
  connect: (connection) => new RealtimeHandler(connection),
  record: realtimeRecording,
}

interface ActiveResponse {
  id: string
  cancel: AbortController
}

class RealtimeHandler implements WsHandler {
  readonly #ws: WsConnection
  readonly #dialect: Dialect
  readonly #model: string
  readonly #conversation = new Conversation()
  #session: Json
  #audio: Buffer[] = []
  #audioBytes = 0
  #active: ActiveResponse | undefined

  constructor(connection: WsConnection) {
    this.#ws = connection
    this.#dialect = dialectOf(connection)
    this.#model = connection.url.searchParams.get('model') ?? DEFAULT_MODEL
    this.#session = defaultSession(this.#dialect, this.#model, connection.id('sess_'), connection.now())
    void this.#event('session.created', { session: this.#session })
  }

  async message(data: string | Uint8Array, binary: boolean): Promise<void> {
    let clientEventId: string | null = null
    try {
      if (binary)
        throw new RealtimeProblem(
          'Binary frames are not supported: send each client event as a JSON text frame.',
          'invalid_frame',
        )
      let event: unknown
      try {
        event = JSON.parse(data as string)
      } catch (error) {
        throw new RealtimeProblem(
          `The client event is not valid JSON: ${(error as Error).message}.`,
          'invalid_json',
        )
      }
      if (!isObject(event)) throw invalidType('event', 'an object', event)
      if (typeof event.event_id === 'string') clientEventId = event.event_id
      await this.#handle(event)
    } catch (error) {
      const problem =
        error instanceof RealtimeProblem
          ? error
          : new RealtimeProblem(
              `standin failed: ${(error as Error).message}`,
              'server_error',
              null,
              'server_error',
            )
      await this.#error({
        type: problem.type,
        code: problem.code,
        message: problem.message,
        param: problem.param,
        event_id: clientEventId,
      })
    }
  }

  closed(): void {
    this.#active?.cancel.abort()
  }

  async #handle(event: Json): Promise<void> {
    switch (event.type) {
      case 'session.update':
        this.#session = updateSession(this.#session, event.session, this.#dialect)
        return this.#event('session.updated', { session: this.#session })
      case 'conversation.item.create':
        return this.#createItem(event)
      case 'conversation.item.delete':
        return this.#deleteItem(event)
      case 'conversation.item.retrieve': {
        const item = this.#conversation.get(this.#itemId(event))
        if (!item) throw notFound(String(event.item_id))
        return this.#event('conversation.item.retrieved', { item })
      }
      case 'input_audio_buffer.append':
        return this.#append(event)
      case 'input_audio_buffer.commit':
        return this.#commit()
      case 'input_audio_buffer.clear':
        this.#audio = []
        this.#audioBytes = 0
        return this.#event('input_audio_buffer.cleared', {})
      case 'response.create':
        return this.#respond(event)
      case 'response.cancel':
        return this.#cancel(event)
      case undefined:
        throw missing('type')
      default:
        throw invalidValue('type', event.type, CLIENT_EVENTS)
    }
  }

  async #createItem(event: Json): Promise<void> {
    const item = checkItem(event.item, this.#ws.id('item_'))
    if (event.previous_item_id !== undefined && typeof event.previous_item_id !== 'string')
      throw invalidType('previous_item_id', 'a string', event.previous_item_id)
    const previous = this.#conversation.add(item, event.previous_item_id as string | undefined)
    await this.#itemEvents(item, previous)
  }

  /** The events a new client item (or committed audio) gets: `created`, and on GA `added` and `done`. */
  async #itemEvents(item: Json, previous: string | null): Promise<void> {
    await this.#event('conversation.item.created', { previous_item_id: previous, item })
    if (this.#dialect.beta) return
    await this.#event('conversation.item.added', { previous_item_id: previous, item })
    await this.#event('conversation.item.done', { previous_item_id: previous, item })
  }

  async #deleteItem(event: Json): Promise<void> {
    const id = this.#itemId(event)
    if (!this.#conversation.delete(id)) throw notFound(id)
    await this.#event('conversation.item.deleted', { item_id: id })
  }

  #itemId(event: Json): string {
    if (event.item_id === undefined) throw missing('item_id')
    if (typeof event.item_id !== 'string') throw invalidType('item_id', 'a string', event.item_id)
    return event.item_id
  }

  async #append(event: Json): Promise<void> {
    if (event.audio === undefined) throw missing('audio')
    if (typeof event.audio !== 'string') throw invalidType('audio', 'a string', event.audio)
    if (!isBase64(event.audio))
      throw new RealtimeProblem(
        "Invalid 'audio'. Expected base64-encoded audio bytes.",
        'invalid_value',
        'audio',
      )
    const bytes = Buffer.from(event.audio, 'base64')
    if (this.#audioBytes + bytes.length > AUDIO_BUFFER_LIMIT)
      throw new RealtimeProblem(
        `The input audio buffer holds at most ${AUDIO_BUFFER_LIMIT} bytes: commit or clear it first.`,
        'input_audio_buffer_full',
        'audio',
      )
    this.#audio.push(bytes)
    this.#audioBytes += bytes.length
  }

  async #commit(): Promise<void> {
    const ms = this.#audioBytes / BYTES_PER_MS
    if (ms < 100)
      throw new RealtimeProblem(
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${ms.toFixed(2)}ms of audio.`,
        'input_audio_buffer_commit_empty',
      )
    const audio = Buffer.concat(this.#audio)
    this.#audio = []
    this.#audioBytes = 0
    const transcript = spokenText(audio) ?? null
    const item: Json = {
      id: this.#ws.id('item_'),
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript }],
    }
    const previous = this.#conversation.add(item)
    await this.#event('input_audio_buffer.committed', { previous_item_id: previous, item_id: item.id })
    await this.#itemEvents(item, previous)
    if (transcribesInput(this.#session, this.#dialect))
      await this.#event('conversation.item.input_audio_transcription.completed', {
        item_id: item.id,
        content_index: 0,
        transcript: transcript ?? '',
        usage: { type: 'duration', seconds: Math.round(ms) / 1000 },
      })
  }

  async #respond(event: Json): Promise<void> {
    const params = event.response === undefined ? {} : event.response
    if (!isObject(params)) throw invalidType('response', 'an object', params)
    checkSessionFields(params, this.#dialect, 'response')
    if (params.input !== undefined && !Array.isArray(params.input))
      throw invalidType('response.input', 'an array', params.input)
    if (this.#active)
      throw new RealtimeProblem(
        `Conversation already has an active response in progress: ${this.#active.id}. Wait until the response is finished before creating a new one.`,
        'conversation_already_has_active_response',
      )
    const outOfBand = params.conversation === 'none'
    const items = Array.isArray(params.input) ? (params.input as Json[]) : this.#conversation.items
    const request = turnRequest({
      session: this.#session,
      response: params,
      items,
      conversation: this.#conversation,
      model: typeof this.#session.model === 'string' ? this.#session.model : this.#model,
      dialect: this.#dialect,
    })
    const cancel = new AbortController()
    const active: ActiveResponse = { id: '', cancel }
    this.#active = active
    let turn: WsTurn
    try {
      turn = await this.#ws.turn(request, { signal: cancel.signal, body: JSON.stringify(event) })
    } catch (error) {
      // A failed turn leaves no response running: the next response.create must not be refused.
      this.#active = undefined
      throw error
    }
    if (turn.kind !== 'chat') {
      this.#active = undefined
      if (turn.kind === 'closed') return
      const code = turn.kind === 'miss' ? 'no_fixture_match' : (turn.code ?? 'fixture_error')
      const type = turn.kind === 'miss' ? 'invalid_request_error' : (turn.type ?? 'server_error')
      await this.#error({
        type,
        code,
        message: turn.message,
        param: null,
        event_id: stringOrNull(event.event_id),
      })
      if (turn.kind === 'miss' && this.#ws.strict)
        this.#ws.close(WS_CLOSE.strictMiss, 'standin: no fixture matched (strict)')
      return
    }
    active.id = turn.result.id
    const modalities = outputModalities(this.#session, params, this.#dialect)
    const response: Json = {
      id: turn.result.id,
      object: 'realtime.response',
      status: 'in_progress',
      status_details: null,
      output: [],
      conversation_id: outOfBand ? null : 'conv_standin',
      [this.#dialect.modalities]: modalities,
      max_output_tokens: params.max_output_tokens ?? this.#session.max_output_tokens ?? 'inf',
      metadata: params.metadata ?? null,
      usage: null,
    }
    // Streamed without holding the frame queue, so response.cancel is read while it runs.
    void streamResponse({
      connection: this.#ws,
      dialect: this.#dialect,
      conversation: outOfBand ? undefined : this.#conversation,
      response,
      audio: modalities.includes('audio'),
      events: turn.events,
      spoken: turn.result.audio === undefined ? undefined : Buffer.from(turn.result.audio, 'base64'),
      spokenLength: resultText(turn.result).length,
      cancelled: cancel.signal,
      rateLimits: turn.rateLimits,
    })
      .catch(() => undefined)
      .finally(() => {
        if (this.#active === active) this.#active = undefined
      })
  }

  async #cancel(event: Json): Promise<void> {
    const active = this.#active
    if (!active || (typeof event.response_id === 'string' && event.response_id !== active.id))
      throw new RealtimeProblem(
        'Cancellation failed: no active response found.',
        'response_cancel_not_active',
        event.response_id === undefined ? null : 'response_id',
      )
    active.cancel.abort()
  }

  #event(type: string, fields: Json): Promise<void> {
    return this.#ws.send({ type, event_id: this.#ws.id('event_'), ...fields })
  }

  /** The error event; its body names the client event that caused it (`event_id`), when it had one. */
  #error(error: RealtimeErrorBody): Promise<void> {
    return this.#event('error', { error })
  }
}

const CLIENT_EVENTS = [
  'session.update',
  'conversation.item.create',
  'conversation.item.delete',
  'conversation.item.retrieve',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'response.create',
  'response.cancel',
] as const

function notFound(id: string): RealtimeProblem {
  return new RealtimeProblem(`Item with id '${id}' not found.`, 'item_not_found', 'item_id')
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}
