/**
 * The conversation a Live session holds on the server: the setup's request fields and every turn so far as
 * Gemini `Content` (the client's turns, what it said, its function responses, and the model's answers).
 * Each model turn is the canonical request the whole conversation makes, decoded as a `GenerateContentRequest`
 * is, so a Live turn matches fixtures exactly as the same conversation sent to `generateContent` would.
 * @module
 */
import type { ChatResult } from '../../canonical'
import type { DecodedChat } from '../../canonical/decoded'
import { WireError } from '../../errors'
import type { Json } from '../wire/json-guards'
import { decodeContents } from './decode-contents'
import { decodeGenerateContentRequest } from './decode-request'
import { responseParts } from './encode-response'
import { field } from './json-fields'
import type { LiveSetup } from './live-setup'

const CONTENT_MESSAGE = 'BidiGenerateContentClientContent'

export class LiveConversation {
  readonly setup: LiveSetup
  readonly #contents: unknown[] = []

  /** `contents`: the turns of a resumed session. */
  constructor(setup: LiveSetup, contents: unknown[] = []) {
    this.setup = setup
    this.#contents.push(...contents)
  }

  /** The turns so far, for a resumption handle. */
  get contents(): readonly unknown[] {
    return this.#contents
  }

  /** `clientContent.turns`, checked as they arrive so an error names the turn at fault. */
  addTurns(turns: unknown[]): void {
    if (turns.length === 0) return
    try {
      decodeContents(turns, CONTENT_MESSAGE)
    } catch (error) {
      throw error instanceof WireError ? renamed(error, 'contents[', 'turns[') : error
    }
    this.#contents.push(...turns)
  }

  /** Realtime text, or the transcript standing for realtime audio: one user turn. */
  addUserText(text: string): void {
    this.#contents.push({ role: 'user', parts: [{ text }] })
  }

  /** `toolResponse.functionResponses`: one user turn of `functionResponse` parts. */
  addFunctionResponses(responses: unknown[]): void {
    const turn = { role: 'user', parts: responses.map((response) => ({ functionResponse: response })) }
    try {
      decodeContents([turn], 'BidiGenerateContentToolResponse')
    } catch (error) {
      throw error instanceof WireError
        ? renamed(error, 'contents[0].parts[', 'functionResponses[', '.functionResponse')
        : error
    }
    this.#contents.push(turn)
  }

  /** The model's answer joins the conversation, as the client would send it back in `generateContent`. */
  addAnswer(result: ChatResult): void {
    const parts = responseParts(result)
    if (parts.length > 0) this.#contents.push({ role: 'model', parts })
  }

  /** `contextUpdate`: a new system instruction or tool list for the turns that follow. */
  update(update: Json): void {
    const next: Json = { ...this.setup.request }
    const instruction = field(update, 'systemInstruction')
    if (instruction !== undefined) next.systemInstruction = instruction
    const tools = update.tools
    if (tools !== undefined) next.tools = (tools as Json | null)?.tools ?? []
    decodeGenerateContentRequest(
      { ...next, contents: [{ role: 'user', parts: [{ text: '' }] }] },
      { model: this.setup.model, stream: true, message: 'BidiGenerateContentContextUpdate' },
    )
    this.setup.request = next
  }

  /** The canonical request of the next model turn: the whole conversation so far. */
  request(): DecodedChat {
    return decodeGenerateContentRequest(
      { ...this.setup.request, contents: this.#contents },
      { model: this.setup.model, stream: true, message: CONTENT_MESSAGE },
    )
  }
}

/** The same error, naming the field as the Live message has it. */
function renamed(error: WireError, from: string, to: string, drop?: string): WireError {
  const rename = (text: string) => {
    const replaced = text.replace(from, to)
    return drop ? replaced.replace(drop, '') : replaced
  }
  return new WireError(error.status, rename(error.message), {
    type: error.type,
    ...(error.param !== undefined ? { param: rename(error.param) } : {}),
  })
}
