/**
 * Reading Ollama's answers back (record mode): `/api/chat` and `/api/generate` as one JSON object or as
 * NDJSON lines that end with a `done: true` line, `/api/embed` and `/api/embeddings`, and `{"error"}` bodies.
 *
 * Chat text is `message.content` and reasoning `message.thinking`; generate's are `response` and `thinking`.
 * Tool calls come whole (arguments as a JSON object) in the order the lines give them; a call without an
 * `id` (servers before 0.12 send none) gets the empty id. Usage is `prompt_eval_count` and `eval_count`,
 * which Ollama leaves out when zero (a prompt served from its cache), so a done answer without them counts 0.
 * @see https://docs.ollama.com/api/chat
 * @see https://docs.ollama.com/api/generate
 * @module
 */
import type { ErrorResult, FinishReason, OutputBlock, Usage } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import type { DecodedChatResult, DecodedEmbeddingResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'
import { argumentsJson } from '../wire/tool-arguments'
import type { OllamaWire } from './decode-chat'

type Endpoint = 'chat' | 'generate'

export const chatDecoding = answerDecoding('chat')
export const generateDecoding = answerDecoding('generate')

function answerDecoding(endpoint: Endpoint): ResponseDecoding<DecodedChatResult, OllamaWire> {
  return {
    json(body) {
      const reader = new AnswerReader(endpoint)
      reader.line(body)
      if (!reader.done) throw new Error(`expected a done /api/${endpoint} answer (done: true)`)
      return reader.result()
    },
    stream(frames) {
      const reader = new AnswerReader(endpoint)
      for (const frame of frames) reader.line(frame)
      if (!reader.done) throw new Error(`the /api/${endpoint} stream ended without a done line`)
      return reader.result()
    },
    error: ollamaErrorResult,
  }
}

/** Ollama's error body is `{"error": "message"}`; the status says the rest. */
export function ollamaErrorResult(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const message =
    isObject(body) && typeof body.error === 'string' && body.error !== ''
      ? body.error
      : typeof body === 'string' && body.trim() !== ''
        ? body.trim()
        : `HTTP ${status}`
  const result: ErrorResult = { kind: 'error', status, message }
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) result.retryAfter = retryAfter
  return result
}

class AnswerReader {
  done = false
  private readonly blocks: OutputBlock[] = []
  private reasoning = ''
  private sawText = false
  private model: string | undefined
  private created: number | undefined
  private doneReason: string | undefined
  private usage: Partial<Usage> = {}

  constructor(private readonly endpoint: Endpoint) {}

  line(value: unknown): void {
    if (!isObject(value)) throw new Error(`expected an /api/${this.endpoint} answer object`)
    if (typeof value.error === 'string') throw new Error(`Ollama answered with an error: ${value.error}`)
    if (this.model === undefined && typeof value.model === 'string') this.model = value.model
    if (this.created === undefined && typeof value.created_at === 'string') {
      const ms = Date.parse(value.created_at)
      if (!Number.isNaN(ms)) this.created = Math.floor(ms / 1000)
    }
    if (this.endpoint === 'chat') {
      const message = value.message
      if (value.done !== true && !isObject(message))
        throw new Error('expected an /api/chat line with a message')
      if (isObject(message)) this.message(message)
    } else {
      this.content(value.response, value.thinking)
    }
    if (value.done === true) this.finish(value)
  }

  private message(message: Json): void {
    this.content(message.content, message.thinking)
    if (!Array.isArray(message.tool_calls)) return
    for (const raw of message.tool_calls) {
      const fn = isObject(raw) && isObject(raw.function) ? raw.function : undefined
      if (!isObject(raw) || !fn || typeof fn.name !== 'string' || fn.name === '') {
        throw new Error('an Ollama tool call has no function name')
      }
      const args = fn.arguments
      this.blocks.push({
        type: 'toolCall',
        call: {
          id: typeof raw.id === 'string' ? raw.id : '',
          name: fn.name,
          arguments: typeof args === 'string' ? args : argumentsJson(args),
        },
      })
    }
  }

  private content(text: unknown, thinking: unknown): void {
    if (typeof thinking === 'string') this.reasoning += thinking
    if (typeof text !== 'string') return
    this.sawText = true
    if (text === '') return
    const last = this.blocks.at(-1)
    if (last?.type === 'text') last.text += text
    else this.blocks.push({ type: 'text', text })
  }

  private finish(value: Json): void {
    this.done = true
    if (typeof value.done_reason === 'string') this.doneReason = value.done_reason
    const count = (name: string) => (typeof value[name] === 'number' ? (value[name] as number) : 0)
    this.usage = { inputTokens: count('prompt_eval_count'), outputTokens: count('eval_count') }
  }

  result(): DecodedChatResult {
    const blocks = this.blocks
    // An answer of empty content is an empty text, not no answer.
    if (blocks.length === 0 && this.sawText) blocks.push({ type: 'text', text: '' })
    const hasCalls = blocks.some((block) => block.type === 'toolCall')
    const native = this.doneReason
    const finishReason: FinishReason = native === 'length' ? 'length' : hasCalls ? 'tool_calls' : 'stop'
    const result: DecodedChatResult = { kind: 'chat', blocks, finishReason, usage: this.usage }
    if (this.model !== undefined) result.model = this.model
    if (this.created !== undefined) result.created = this.created
    if (this.reasoning !== '') result.reasoning = this.reasoning
    // Ollama ends with `stop` or `length`; anything else (`load`, `unload`) is worth keeping.
    if (native !== undefined && native !== 'stop' && native !== 'length') result.nativeFinishReason = native
    return result
  }
}

/** `/api/embed`: `{model, embeddings, prompt_eval_count, ...}`. */
export const embedDecoding: ResponseDecoding<DecodedEmbeddingResult, null> = {
  json(body) {
    if (!isObject(body) || !Array.isArray(body.embeddings)) {
      throw new Error('expected an /api/embed answer (an object with an embeddings array)')
    }
    const embeddings: unknown[] = body.embeddings
    const result: DecodedEmbeddingResult = { kind: 'embedding', vectors: embeddings.map(vector) }
    if (typeof body.model === 'string') result.model = body.model
    if (typeof body.prompt_eval_count === 'number') result.usage = { inputTokens: body.prompt_eval_count }
    return result
  },
  error: ollamaErrorResult,
}

/** `/api/embeddings` (legacy): `{embedding}`, nothing else. */
export const embeddingsDecoding: ResponseDecoding<DecodedEmbeddingResult, null> = {
  json(body) {
    if (!isObject(body) || body.embedding === undefined) {
      throw new Error('expected an /api/embeddings answer (an object with an embedding)')
    }
    return { kind: 'embedding', vectors: [vector(body.embedding)] }
  },
  error: ollamaErrorResult,
}

function vector(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number')) {
    throw new Error('expected each embedding to be an array of numbers')
  }
  return value as number[]
}
