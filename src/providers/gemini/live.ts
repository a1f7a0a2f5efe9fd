/**
 * Gemini Live (`BidiGenerateContent`) over WebSocket, on the paths `@google/genai`'s `live.connect` opens:
 * the Gemini API's (v1beta, v1alpha, and the ephemeral-token `BidiGenerateContentConstrained`) and Vertex
 * AI's `LlmBidiService`. The client's `setup` is answered with `setupComplete`; every complete turn
 * (`clientContent` with `turnComplete`, realtime text, the end of realtime audio, a `toolResponse`) is a
 * model turn answered from the fixtures as the same conversation sent to `generateContent` would be.
 * Errors close the socket with a code and reason, as the Live API does (see `live-close.ts`).
 * @see https://ai.google.dev/api/live
 * @module
 */
import { WireError } from '../../errors'
import type { WebSocketSurface, WsConnection, WsHandler, WsTurn } from '../../websocket/surface'
import { WS_CLOSE } from '../../websocket/surface'
// The mock's stand-in speech, shared with OpenAI Realtime: a tone as long as the text, labelled input audio.
import { spokenText, tone } from '../openai/realtime/audio'
import { readClientMessage, type ClientMessage, type RealtimeInput } from './live-client-message'
import { closeCode, closeReason, LIVE_CLOSE } from './live-close'
import { LiveConversation } from './live-conversation'
import { liveRecording } from './live-decode'
import { LiveOutput, OUTPUT_AUDIO_MIME, type UsageNames } from './live-output'
import { resumptionStore } from './live-resumption'
import { decodeSetup } from './live-setup'

export interface LiveSurfaceOptions {
  id: string
  provider: string
  paths: string[]
  /** How usage names the output count: `responseTokenCount` (Gemini API) or `candidatesTokenCount` (Vertex). */
  usage: UsageNames
}

/** `/ws/{service}/{method}` as the SDK builds it, and with the doubled slash its default base URL gives. */
export function livePaths(methods: string[]): string[] {
  return methods.flatMap((method) => [`/ws/${method}`, `//ws/${method}`])
}

export function createLiveSurface(options: LiveSurfaceOptions): WebSocketSurface {
  return {
    kind: 'websocket',
    id: options.id,
    provider: options.provider,
    paths: options.paths,
    // Gemini's ids carry no prefix; function call ids are opaque strings.
    idPrefixes: { response: '', toolCall: 'function-call-' },
    connect: (connection) => new LiveSession(connection, options).handler(),
    record: liveRecording,
  }
}

/** The most base64 audio held for one turn (about 15 MiB of PCM): a mock needs no more to find its label. */
const AUDIO_LIMIT = 20 * 1024 * 1024

const SERVICE = 'google.ai.generativelanguage'
const METHODS = ['BidiGenerateContent', 'BidiGenerateContentConstrained']

export const geminiLiveSurface = createLiveSurface({
  id: 'gemini.live',
  provider: 'gemini',
  paths: livePaths(
    ['v1beta', 'v1alpha'].flatMap((version) =>
      METHODS.map((method) => `${SERVICE}.${version}.GenerativeService.${method}`),
    ),
  ),
  usage: 'gemini',
})

/** One connection: its setup, its conversation, and the turns it asks for, one at a time. */
class LiveSession {
  readonly #connection: WsConnection
  readonly #options: LiveSurfaceOptions
  #conversation: LiveConversation | undefined
  /** Realtime audio since the last turn: it stands for one user turn when the client ends it. */
  #audio: string[] = []
  #audioChars = 0

  constructor(connection: WsConnection, options: LiveSurfaceOptions) {
    this.#connection = connection
    this.#options = options
  }

  handler(): WsHandler {
    return { message: (data) => this.#message(data) }
  }

  async #message(data: string | Uint8Array): Promise<void> {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
    try {
      await this.#handle(readClientMessage(text), text)
    } catch (error) {
      if (error instanceof WireError) this.#fail(error.status, error.message)
      else this.#fail(500, 'Internal error encountered.')
    }
  }

  async #handle(message: ClientMessage, body: string): Promise<void> {
    if (message.kind === 'setup') return this.#setup(message.setup)
    const conversation = this.#conversation
    if (!conversation) throw invalid('Invalid argument: the first message of a session must be setup.')
    switch (message.kind) {
      case 'content':
        conversation.addTurns(message.turns)
        if (message.turnComplete) await this.#turn(conversation, body)
        return
      case 'realtime':
        return this.#realtime(conversation, message.input, body)
      case 'tool-response':
        conversation.addFunctionResponses(message.responses)
        return this.#turn(conversation, body)
      case 'context-update':
        return conversation.update(message.update)
    }
  }

  async #setup(raw: unknown): Promise<void> {
    if (this.#conversation) throw invalid('Invalid argument: setup was already sent on this session.')
    const setup = decodeSetup(raw)
    const handle = setup.resumption?.handle
    const resumed = handle === undefined ? [] : resumptionStore(this.#connection.memory).get(handle)
    if (!resumed) throw new WireError(404, `Session resumption handle not found: ${handle}`)
    this.#conversation = new LiveConversation(setup, resumed)
    await this.#connection.send({ setupComplete: {} })
    await this.#resumable(this.#conversation)
  }

  /** With `sessionResumption`, a handle the conversation so far can be resumed from. */
  async #resumable(conversation: LiveConversation): Promise<void> {
    if (!conversation.setup.resumption) return
    const newHandle = this.#connection.id('live-resume-')
    resumptionStore(this.#connection.memory).save(newHandle, [...conversation.contents])
    await this.#connection.send({ sessionResumptionUpdate: { newHandle, resumable: true } })
  }

  /** Realtime text is a turn of its own; audio is one when the client ends its stream or its activity. */
  async #realtime(conversation: LiveConversation, input: RealtimeInput, body: string): Promise<void> {
    this.#audio.push(...input.audio)
    this.#audioChars += input.audio.reduce((sum, chunk) => sum + chunk.length, 0)
    if (this.#audioChars > AUDIO_LIMIT) {
      throw invalid('Invalid argument: too much realtime audio without audioStreamEnd or activityEnd.')
    }
    if (input.text !== undefined) {
      conversation.addUserText(input.text)
      return this.#turn(conversation, body)
    }
    if (!input.end || this.#audio.length === 0) return
    const audio = Buffer.concat(this.#audio.map((chunk) => Buffer.from(chunk, 'base64')))
    this.#audio = []
    this.#audioChars = 0
    const transcript = spokenText(audio) ?? ''
    if (conversation.setup.inputTranscription) {
      await this.#connection.send({
        serverContent: { inputTranscription: { text: transcript, finished: true } },
      })
    }
    conversation.addUserText(transcript)
    return this.#turn(conversation, body)
  }

  async #turn(conversation: LiveConversation, body: string): Promise<void> {
    const turn = await this.#connection.turn(conversation.request(), { body })
    await this.#answer(conversation, turn)
  }

  async #answer(conversation: LiveConversation, turn: WsTurn): Promise<void> {
    switch (turn.kind) {
      case 'closed':
        return
      case 'error':
        if (turn.rateLimited) return this.#quota(turn.rateLimited, turn.retryAfter)
        return this.#fail(turn.status, turn.message)
      case 'miss':
        if (this.#connection.strict)
          return this.#connection.close(WS_CLOSE.strictMiss, closeReason(turn.message))
        await this.#missTurn(conversation, turn.message)
        return this.#resumable(conversation)
      case 'chat': {
        const output = new LiveOutput({
          setup: conversation.setup,
          usage: this.#options.usage,
          speak: speaker(),
        })
        let complete = false
        for await (const event of turn.events) {
          for (const message of output.messages(event)) {
            await this.#connection.send(message)
            complete ||=
              (message.serverContent as { turnComplete?: boolean } | undefined)?.turnComplete === true
          }
        }
        conversation.addAnswer(turn.result)
        // Not while the model waits for a tool response: the API says such a point is not resumable.
        if (complete) await this.#resumable(conversation)
      }
    }
  }

  /**
   * A lenient miss: the Live API has no error message short of closing the session, so the model's turn
   * says what did not match (the journal holds the whole diagnostic) and the session goes on.
   */
  async #missTurn(conversation: LiveConversation, message: string): Promise<void> {
    const text = `standin: ${message}`
    const spoken = conversation.setup.audio
    const part = spoken ? { inlineData: { mimeType: OUTPUT_AUDIO_MIME, data: speaker()(text) } } : { text }
    await this.#connection.send({ serverContent: { modelTurn: { parts: [part] } } })
    if (spoken && conversation.setup.outputTranscription) {
      await this.#connection.send({ serverContent: { outputTranscription: { text } } })
    }
    await this.#connection.send({ serverContent: { generationComplete: true } })
    await this.#connection.send({ serverContent: { turnComplete: true } })
  }

  /**
   * A quota `rateLimits` spent: the Live API closes the session with 1011 and a RESOURCE_EXHAUSTED reason,
   * as users' logs of the service show it (`received 1011 (internal error) ... RESOURCE_EXHAUSTED: ...`);
   * Google publishes no table of Live close codes.
   */
  #quota(over: 'requests' | 'tokens', retryAfter: number | undefined): void {
    const retry = retryAfter === undefined ? '' : ` Please retry in ${retryAfter}s.`
    this.#connection.close(
      LIVE_CLOSE.internal,
      closeReason(
        `RESOURCE_EXHAUSTED: You exceeded your current quota (standin rateLimits: ${over}).${retry}`,
      ),
    )
  }

  #fail(status: number, message: string): void {
    this.#connection.close(closeCode(status), closeReason(message))
  }
}

/** One turn's speech: each chunk's tone continues where the last one ended. */
function speaker(): (text: string) => string {
  let samples = 0
  return (text) => {
    const chunk = tone([...text].length, samples)
    samples += chunk.length / 2
    return chunk.toString('base64')
  }
}

function invalid(message: string): WireError {
  return new WireError(400, message, { type: 'INVALID_ARGUMENT' })
}
