/**
 * Reading a chat completion back into a canonical result (record mode): a `chat.completion` body, or the
 * `chat.completion.chunk` frames of a stream, as OpenAI and the servers that speak its wire send them.
 *
 * - Text is `content` (or text parts), plus `refusal` text, which the canonical model has no place for but
 *   should not lose. Reasoning is `reasoning_content` (DeepSeek, vLLM, standin) or `reasoning` (OpenRouter,
 *   Groq, newer vLLM).
 * - Tool calls are `tool_calls` (or the legacy `function_call`); in a stream their fragments are joined by
 *   `index`, and a fragment that brings a new `id` under a used index starts a new call (servers that send
 *   every call whole under index 0).
 * - A stream's blocks follow the order of its deltas (text, then a tool call, then text again); a JSON body
 *   carries no order, so its text comes first.
 * - Only the first choice is read: a fixture answers with one.
 *
 * Surfaces built on this wire add what they read besides through {@link ChatExtensions}.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 * @module
 */
import type { ErrorResult, FinishReason, OutputBlock, ToolCall, Usage } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import type { DecodedChatResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { codeText, openaiErrorResult, preview } from './decode-error'

/** A chat answer as it is read, from one message or chunk by chunk. */
export interface ChatDraft {
  id?: string
  model?: string
  created?: number
  blocks: OutputBlock[]
  reasoning: string
  reasoningSignature?: string
  redactedReasoning: string[]
  /** The wire's `finish_reason`, as sent. */
  finish?: string
  /** The upstream's own reason, when the wire names one beside `finish_reason` (OpenRouter). */
  nativeFinishReason?: string
  /** The wire said the output was filtered though its finish reason may not (Azure's filter results). */
  contentFiltered: boolean
  upstreamProvider?: string
  usage?: Partial<Usage>
  /** `content` came as a string (even empty): the answer had a text part, if an empty one. */
  contentSeen: boolean
}

/** What a surface built on OpenAI's chat wire reads besides (OpenRouter's fields, Azure's filters). */
export interface ChatExtensions {
  /** Each body or chunk, after its envelope (id, model, created, usage) was read. */
  body?(body: Json, draft: ChatDraft): void
  /** The first choice of a body or chunk, after its message or delta and finish reason were read. */
  choice?(choice: Json, draft: ChatDraft): void
  /** A message or delta; `reasoningText` tells whether it carried reasoning as a plain string. */
  message?(message: Json, draft: ChatDraft, reasoningText: boolean): void
}

type ErrorDecoder = (status: number, body: unknown, headers: HeaderReader) => ErrorResult

/** The chat wire's response decoding, with a surface's extensions and error envelope. */
export function chatResponseDecoding<Wire>(
  extensions: ChatExtensions = {},
  error: ErrorDecoder = openaiErrorResult,
): ResponseDecoding<DecodedChatResult, Wire> {
  return {
    json: (body) => decodeCompletion(body, extensions),
    stream: (frames) => decodeChunks(frames, extensions),
    error,
  }
}

function newDraft(): ChatDraft {
  return { blocks: [], reasoning: '', redactedReasoning: [], contentFiltered: false, contentSeen: false }
}

function decodeCompletion(body: unknown, extensions: ChatExtensions): DecodedChatResult {
  if (!isObject(body)) throw new Error(`chat completion: expected a JSON object, got ${preview(body)}`)
  throwUpstreamError(body, 'chat completion')
  const choice = firstChoice(body.choices)
  if (!choice) throw new Error(`chat completion: the body has no choices: ${preview(body)}`)
  const message = choice.message
  if (!isObject(message)) throw new Error(`chat completion: choices[0] has no message: ${preview(choice)}`)
  const draft = newDraft()
  readEnvelope(body, draft)
  extensions.body?.(body, draft)
  const text = contentText(message.content)
  if (text !== undefined) {
    draft.contentSeen = true
    appendText(draft, text)
  }
  if (typeof message.refusal === 'string') appendText(draft, message.refusal)
  const reasoningText = readReasoning(message, draft)
  for (const call of messageToolCalls(message)) draft.blocks.push({ type: 'toolCall', call })
  extensions.message?.(message, draft, reasoningText)
  if (typeof choice.finish_reason === 'string') draft.finish = choice.finish_reason
  extensions.choice?.(choice, draft)
  return chatResult(draft, 'chat completion')
}

function decodeChunks(frames: unknown[], extensions: ChatExtensions): DecodedChatResult {
  const draft = newDraft()
  const calls = new ToolCallSlots(draft)
  let chunks = 0
  for (const frame of frames) {
    const data = frameData(frame)
    if (data === '[DONE]') break
    // Comments and keep-alives carry no chunk; nothing else in an OpenAI stream is not JSON.
    if (!isObject(data)) continue
    throwUpstreamError(data, 'chat completion stream')
    chunks++
    readEnvelope(data, draft)
    extensions.body?.(data, draft)
    const choice = firstChoice(data.choices)
    if (!choice) continue
    if (isObject(choice.delta)) readDelta(choice.delta, draft, calls, extensions)
    if (typeof choice.finish_reason === 'string') draft.finish = choice.finish_reason
    extensions.choice?.(choice, draft)
  }
  if (chunks === 0) throw new Error('chat completion stream: no chunk before the stream ended')
  if (draft.finish === undefined) {
    throw new Error('chat completion stream: ended before any chunk gave a finish_reason (cut short?)')
  }
  return chatResult(draft, 'chat completion stream')
}

function readDelta(delta: Json, draft: ChatDraft, calls: ToolCallSlots, extensions: ChatExtensions): void {
  if (typeof delta.content === 'string') {
    draft.contentSeen = true
    appendText(draft, delta.content)
  }
  if (typeof delta.refusal === 'string') appendText(draft, delta.refusal)
  const reasoningText = readReasoning(delta, draft)
  if (Array.isArray(delta.tool_calls)) for (const part of delta.tool_calls) calls.add(part)
  if (isObject(delta.function_call)) calls.addFunctionCall(delta.function_call)
  extensions.message?.(delta, draft, reasoningText)
}

/** The SSE frame's data: parsed JSON, or the raw text (`[DONE]`). */
function frameData(frame: unknown): unknown {
  if (!isObject(frame) || !('data' in frame)) {
    throw new Error(`chat completion stream: expected SSE frames {data}, got ${preview(frame)}`)
  }
  return frame.data
}

/** `choices[0]`: the choice with index 0, or the first when choices carry no index. */
function firstChoice(choices: unknown): Json | undefined {
  if (!Array.isArray(choices)) return undefined
  const found = choices.find((choice) => isObject(choice) && (choice.index ?? 0) === 0)
  return isObject(found) ? found : undefined
}

/**
 * `id`, `model`, `created` (the first non-empty ones: Azure's first chunk, carrying only the prompt's
 * filter results, has an empty id and model and `created: 0`) and the last `usage` given.
 */
function readEnvelope(body: Json, draft: ChatDraft): void {
  if (draft.id === undefined && typeof body.id === 'string' && body.id !== '') draft.id = body.id
  if (draft.model === undefined && typeof body.model === 'string' && body.model !== '') {
    draft.model = body.model
  }
  if (draft.created === undefined && typeof body.created === 'number' && body.created > 0) {
    draft.created = body.created
  }
  if (isObject(body.usage)) draft.usage = chatUsage(body.usage)
}

/** A body or chunk that reports an error (OpenAI's mid-stream `{"error": ...}`, OpenRouter's). */
function throwUpstreamError(body: Json, what: string): void {
  const error = body.error
  if (error === undefined || error === null) return
  const fields = isObject(error) ? error : { message: error }
  const code = codeText(fields.code)
  throw new Error(
    `${what}: the upstream reported an error${code ? ` (${code})` : ''}: ${String(fields.message ?? preview(error))}`,
  )
}

/** Token counts: completion tokens include reasoning ones, as OpenAI counts them and standin writes them. */
export function chatUsage(usage: Json): Partial<Usage> {
  const out: Partial<Usage> = {}
  if (isCount(usage.prompt_tokens)) out.inputTokens = usage.prompt_tokens
  if (isCount(usage.completion_tokens)) out.outputTokens = usage.completion_tokens
  const details = usage.completion_tokens_details
  if (isObject(details) && isCount(details.reasoning_tokens)) out.reasoningTokens = details.reasoning_tokens
  if (typeof usage.cost === 'number' && Number.isFinite(usage.cost)) out.cost = usage.cost
  return out
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/** `content` as text: a string, or the text parts of an array; undefined when null or absent. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return undefined
  let text = ''
  for (const part of content) {
    if (typeof part === 'string') text += part
    else if (isObject(part) && part.type === 'text' && typeof part.text === 'string') text += part.text
    else if (isObject(part) && typeof part.refusal === 'string') text += part.refusal
  }
  return text
}

/** Text continues the last block when that is text, else opens a new one after the tool call. */
function appendText(draft: ChatDraft, text: string): void {
  if (text === '') return
  const last = draft.blocks.at(-1)
  if (last?.type === 'text') last.text += text
  else draft.blocks.push({ type: 'text', text })
}

/** Adds `reasoning_content` (else `reasoning`) when it is a string; says whether it was one. */
function readReasoning(message: Json, draft: ChatDraft): boolean {
  const text =
    typeof message.reasoning_content === 'string'
      ? message.reasoning_content
      : typeof message.reasoning === 'string'
        ? message.reasoning
        : undefined
  if (text === undefined) return false
  draft.reasoning += text
  return true
}

function messageToolCalls(message: Json): ToolCall[] {
  const calls: ToolCall[] = []
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((raw: unknown, i) => {
      if (!isObject(raw)) throw new Error(`chat completion: tool_calls[${i}] is not an object`)
      const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : `call_${i}`
      // Custom tools (`type: "custom"`) send free text as `input` where function tools send `arguments`.
      const fn = isObject(raw.function) ? raw.function : isObject(raw.custom) ? raw.custom : undefined
      if (!fn || typeof fn.name !== 'string' || fn.name === '') {
        throw new Error(`chat completion: tool_calls[${i}] has no function name: ${preview(raw)}`)
      }
      calls.push({ id, name: fn.name, arguments: argumentsText(fn.arguments ?? fn.input) })
    })
  } else if (isObject(message.function_call) && typeof message.function_call.name === 'string') {
    // The legacy single call has no id; the request decoder names such a call by its function.
    const { name, arguments: args } = message.function_call
    calls.push({ id: name, name, arguments: argumentsText(args) })
  }
  return calls
}

/** Arguments are JSON text on this wire; a server that sends a value gets it serialised. */
function argumentsText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Streamed tool-call fragments, joined into the draft's tool-call blocks. */
class ToolCallSlots {
  readonly #byIndex = new Map<number, ToolCall>()
  #last: ToolCall | undefined

  constructor(private readonly draft: ChatDraft) {}

  add(part: unknown): void {
    if (!isObject(part)) return
    const index = typeof part.index === 'number' ? part.index : undefined
    const id = typeof part.id === 'string' && part.id !== '' ? part.id : undefined
    let call = index === undefined ? this.#last : this.#byIndex.get(index)
    // A known slot that gets another id is another call (servers that send each call whole, index 0).
    if (call && id && call.id !== '' && call.id !== id) call = undefined
    if (!call) call = this.#open(index, id)
    else if (id && call.id === '') call.id = id
    const fn = isObject(part.function) ? part.function : undefined
    if (fn) {
      if (typeof fn.name === 'string' && fn.name !== '' && call.name === '') call.name = fn.name
      if (fn.arguments !== undefined && fn.arguments !== null) call.arguments += argumentsText(fn.arguments)
    }
  }

  /** The legacy `function_call` delta: one call, named by its function. */
  addFunctionCall(fn: Json): void {
    const call = this.#last ?? this.#open(undefined, undefined)
    if (typeof fn.name === 'string' && fn.name !== '' && call.name === '') {
      call.name = fn.name
      if (call.id === '') call.id = fn.name
    }
    if (typeof fn.arguments === 'string') call.arguments += fn.arguments
  }

  #open(index: number | undefined, id: string | undefined): ToolCall {
    const call: ToolCall = { id: id ?? '', name: '', arguments: '' }
    this.draft.blocks.push({ type: 'toolCall', call })
    if (index !== undefined) this.#byIndex.set(index, call)
    this.#last = call
    return call
  }
}

const CANONICAL: ReadonlySet<string> = new Set(['stop', 'length', 'tool_calls', 'content_filter'])

/** Finish reasons of OpenAI-compatible servers that are not OpenAI's, by what they mean. */
const SYNONYMS: Record<string, FinishReason> = {
  function_call: 'tool_calls',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  end_turn: 'stop',
  eos: 'stop',
  stop_sequence: 'stop',
}

/** The wire's finish reason in canonical terms, keeping a reason of another vocabulary as the native one. */
function chatFinish(
  raw: string | undefined,
  hasCalls: boolean,
): { finishReason: FinishReason; native?: string } {
  if (raw === undefined) return { finishReason: hasCalls ? 'tool_calls' : 'stop' }
  if (CANONICAL.has(raw)) return { finishReason: raw as FinishReason }
  return { finishReason: SYNONYMS[raw] ?? (hasCalls ? 'tool_calls' : 'stop'), native: raw }
}

function chatResult(draft: ChatDraft, what: string): DecodedChatResult {
  // OpenRouter ends an answer that failed upstream with `finish_reason: "error"` (its error rides along).
  if (draft.finish === 'error') throw new Error(`${what}: the upstream ended the answer with an error`)
  let ordinal = 0
  for (const block of draft.blocks) {
    if (block.type !== 'toolCall') continue
    if (block.call.name === '') throw new Error(`${what}: tool call ${ordinal} never got a function name`)
    if (block.call.id === '') block.call.id = `call_${ordinal}`
    ordinal++
  }
  const blocks: OutputBlock[] =
    draft.blocks.length === 0 && draft.contentSeen ? [{ type: 'text', text: '' }] : draft.blocks
  const hasCalls = blocks.some((block) => block.type === 'toolCall')
  let { finishReason, native } = chatFinish(draft.finish, hasCalls)
  if (draft.contentFiltered && finishReason !== 'content_filter') {
    native ??= draft.finish
    finishReason = 'content_filter'
  }
  native = draft.nativeFinishReason ?? native
  const result: DecodedChatResult = { kind: 'chat', blocks, finishReason }
  if (draft.id !== undefined) result.id = draft.id
  if (draft.model !== undefined) result.model = draft.model
  if (draft.created !== undefined) result.created = draft.created
  if (draft.reasoning !== '') result.reasoning = draft.reasoning
  if (draft.reasoningSignature !== undefined) result.reasoningSignature = draft.reasoningSignature
  if (draft.redactedReasoning.length > 0) result.redactedReasoning = draft.redactedReasoning
  if (native !== undefined && native !== finishReason) result.nativeFinishReason = native
  if (draft.upstreamProvider !== undefined) result.upstreamProvider = draft.upstreamProvider
  if (draft.usage !== undefined) result.usage = draft.usage
  return result
}
