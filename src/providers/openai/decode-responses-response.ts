/**
 * Reading a Responses API answer back into a canonical result (record mode): a Response object, or the
 * typed SSE events of a stream.
 *
 * - Output items in order: a `message` is a text block (its `output_text` parts, and `refusal` text, which
 *   the canonical model has no place for but should not lose); a `function_call` (or `custom_tool_call`) a
 *   tool call whose id is its `call_id`, the id a client answers with; built-in tool calls are left out.
 * - `reasoning` items give the reasoning text (their summary parts, else their `reasoning_text` content,
 *   parts and items joined by a blank line) and their `encrypted_content` as opaque redacted reasoning, the
 *   way OpenRouter passes it on (`reasoning.encrypted`).
 * - `status`: `incomplete` is `length` or `content_filter` by `incomplete_details.reason`; `failed`,
 *   `cancelled` and an unfinished (background) response are not answers and throw.
 * - A stream builds its items from `response.output_item.added`/`.done` and the deltas between them, and
 *   ends with `response.completed` or `response.incomplete`, whose Response carries usage and (from OpenAI)
 *   the whole output, which is preferred when present. Unknown events are skipped.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @module
 */
import type { FinishReason, OutputBlock, Usage } from '../../canonical'
import type { DecodedChatResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { codeText, openaiErrorResult, preview } from './decode-error'
import type { ResponsesWire } from './responses-decode'

export const responsesResponseDecoding: ResponseDecoding<DecodedChatResult, ResponsesWire> = {
  json(body) {
    if (!isObject(body) || !Array.isArray(body.output)) {
      if (isObject(body) && isObject(body.error)) throw failure('Responses API body', body)
      throw new Error(`Responses API body: expected a Response object with output[], got ${preview(body)}`)
    }
    return fromResponse(body, body.output, 'Responses API body')
  },
  stream: decodeEvents,
  error: openaiErrorResult,
}

function decodeEvents(frames: unknown[]): DecodedChatResult {
  const items = new StreamItems()
  let started: Json | undefined
  let final: Json | undefined
  for (const frame of frames) {
    if (!isObject(frame) || !('data' in frame)) {
      throw new Error(`Responses API stream: expected SSE frames {event, data}, got ${preview(frame)}`)
    }
    const data = frame.data
    if (!isObject(data)) continue
    const type =
      typeof data.type === 'string' ? data.type : typeof frame.event === 'string' ? frame.event : undefined
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        if (isObject(data.response)) started = data.response
        break
      case 'response.completed':
      case 'response.incomplete':
        if (!isObject(data.response)) throw new Error(`Responses API stream: ${type} without its response`)
        final = data.response
        break
      case 'response.failed':
        throw failure('Responses API stream', isObject(data.response) ? data.response : data)
      case 'error':
        // `code` and `message` on the event itself, or (as some servers send it) under `error`.
        throw failure('Responses API stream', isObject(data.error) ? data : { error: data })
      default:
        items.apply(type, data)
    }
  }
  if (!final) {
    throw new Error(
      'Responses API stream: ended before response.completed or response.incomplete (cut short?)',
    )
  }
  const output = Array.isArray(final.output) && final.output.length > 0 ? final.output : items.output()
  return fromResponse({ ...started, ...final }, output, 'Responses API stream')
}

/** The error of a failed response or an `error` event, as an Error the recorder reports. */
function failure(what: string, response: Json): Error {
  const error = isObject(response.error) ? response.error : {}
  const code = codeText(error.code)
  const message = typeof error.message === 'string' ? error.message : preview(response)
  return new Error(`${what}: the response failed${code ? ` (${code})` : ''}: ${message}`)
}

function fromResponse(response: Json, output: unknown[], what: string): DecodedChatResult {
  if (isObject(response.error)) throw failure(what, response)
  const status = response.status
  // Failed, cancelled, or (a background response) still queued or in progress: no answer to record.
  if (status !== undefined && status !== 'completed' && status !== 'incomplete') {
    throw new Error(`${what}: the response is ${String(status)}, not a finished answer`)
  }
  const read = readOutput(output, what)
  const hasCalls = read.blocks.some((block) => block.type === 'toolCall')
  const result: DecodedChatResult = { kind: 'chat', blocks: read.blocks, finishReason: 'stop' }
  Object.assign(result, finish(status, response.incomplete_details, hasCalls))
  if (typeof response.id === 'string' && response.id !== '') result.id = response.id
  if (typeof response.model === 'string' && response.model !== '') result.model = response.model
  if (typeof response.created_at === 'number') result.created = response.created_at
  if (read.reasoning.length > 0) result.reasoning = read.reasoning.join('\n\n')
  if (read.encrypted.length > 0) result.redactedReasoning = read.encrypted
  if (isObject(response.usage)) result.usage = responsesUsage(response.usage)
  return result
}

function finish(
  status: unknown,
  details: unknown,
  hasCalls: boolean,
): { finishReason: FinishReason; nativeFinishReason?: string } {
  if (status !== 'incomplete') return { finishReason: hasCalls ? 'tool_calls' : 'stop' }
  const reason = isObject(details) && typeof details.reason === 'string' ? details.reason : undefined
  if (reason === 'content_filter') return { finishReason: 'content_filter' }
  // `max_output_tokens` is how this wire says `length`; any other reason is kept as the native one.
  if (reason === undefined || reason === 'max_output_tokens') return { finishReason: 'length' }
  return { finishReason: 'length', nativeFinishReason: reason }
}

/** Input tokens include cached ones and output tokens reasoning ones, as OpenAI counts them. */
export function responsesUsage(usage: Json): Partial<Usage> {
  const out: Partial<Usage> = {}
  if (isCount(usage.input_tokens)) out.inputTokens = usage.input_tokens
  if (isCount(usage.output_tokens)) out.outputTokens = usage.output_tokens
  const details = usage.output_tokens_details
  if (isObject(details) && isCount(details.reasoning_tokens)) out.reasoningTokens = details.reasoning_tokens
  return out
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

interface ReadOutput {
  blocks: OutputBlock[]
  reasoning: string[]
  encrypted: string[]
}

function readOutput(output: unknown[], what: string): ReadOutput {
  const read: ReadOutput = { blocks: [], reasoning: [], encrypted: [] }
  output.forEach((item, i) => {
    if (!isObject(item)) return
    switch (item.type) {
      case 'message':
        read.blocks.push({ type: 'text', text: messageText(item.content) })
        return
      case 'function_call':
      case 'custom_tool_call': {
        const name = item.name
        if (typeof name !== 'string' || name === '') {
          throw new Error(`${what}: output[${i}] (${item.type}) has no name: ${preview(item)}`)
        }
        const id = [item.call_id, item.id].find((v) => typeof v === 'string' && v !== '') as
          string | undefined
        const args = item.type === 'function_call' ? item.arguments : item.input
        read.blocks.push({
          type: 'toolCall',
          call: { id: id ?? `call_${i}`, name, arguments: typeof args === 'string' ? args : '' },
        })
        return
      }
      case 'reasoning': {
        const text = partsText(item.summary, 'summary_text') || partsText(item.content, 'reasoning_text')
        if (text !== '') read.reasoning.push(text)
        if (typeof item.encrypted_content === 'string' && item.encrypted_content !== '') {
          read.encrypted.push(item.encrypted_content)
        }
        return
      }
      default:
      // Built-in tools' items (web search, file search, code interpreter, ...) are the server's own.
    }
  })
  return read
}

/** A message's text: its output text parts and refusals, in order. */
function messageText(content: unknown): string {
  if (!Array.isArray(content)) return ''
  let text = ''
  for (const part of content) {
    if (!isObject(part)) continue
    if (typeof part.text === 'string' && part.type !== 'refusal') text += part.text
    else if (typeof part.refusal === 'string') text += part.refusal
  }
  return text
}

/** Summary or reasoning-text parts, joined by a blank line (OpenAI's summary parts are paragraphs). */
function partsText(parts: unknown, type: string): string {
  if (!Array.isArray(parts)) return ''
  const texts: string[] = []
  for (const part of parts) {
    if (isObject(part) && (part.type ?? type) === type && typeof part.text === 'string' && part.text !== '') {
      texts.push(part.text)
    }
  }
  return texts.join('\n\n')
}

/** Output items as a stream builds them: by `output_index`, each in the shape of a finished item. */
class StreamItems {
  readonly #items = new Map<number, Json>()

  apply(type: string | undefined, event: Json): void {
    const at = typeof event.output_index === 'number' ? event.output_index : undefined
    if (at === undefined) return
    const delta = typeof event.delta === 'string' ? event.delta : undefined
    switch (type) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        // The done item is whole (its encrypted reasoning differs from the one announced at `added`).
        if (isObject(event.item)) this.#items.set(at, structuredClone(event.item))
        return
      case 'response.output_text.delta':
        return this.#part(at, 'message', 'content', event.content_index, 'output_text', 'text', delta)
      case 'response.output_text.done':
        return this.#part(
          at,
          'message',
          'content',
          event.content_index,
          'output_text',
          'text',
          event.text,
          true,
        )
      case 'response.refusal.delta':
        return this.#part(at, 'message', 'content', event.content_index, 'refusal', 'refusal', delta)
      case 'response.refusal.done':
        return this.#part(
          at,
          'message',
          'content',
          event.content_index,
          'refusal',
          'refusal',
          event.refusal,
          true,
        )
      case 'response.reasoning_summary_text.delta':
        return this.#part(at, 'reasoning', 'summary', event.summary_index, 'summary_text', 'text', delta)
      case 'response.reasoning_summary_text.done':
        return this.#part(
          at,
          'reasoning',
          'summary',
          event.summary_index,
          'summary_text',
          'text',
          event.text,
          true,
        )
      case 'response.reasoning_text.delta':
        return this.#part(at, 'reasoning', 'content', event.content_index, 'reasoning_text', 'text', delta)
      case 'response.reasoning_text.done':
        return this.#part(
          at,
          'reasoning',
          'content',
          event.content_index,
          'reasoning_text',
          'text',
          event.text,
          true,
        )
      case 'response.function_call_arguments.delta':
        return this.#field(at, 'function_call', 'arguments', delta)
      case 'response.function_call_arguments.done':
        if (typeof event.name === 'string') this.#item(at, 'function_call').name ??= event.name
        return this.#field(at, 'function_call', 'arguments', event.arguments, true)
      case 'response.custom_tool_call_input.delta':
        return this.#field(at, 'custom_tool_call', 'input', delta)
      case 'response.custom_tool_call_input.done':
        return this.#field(at, 'custom_tool_call', 'input', event.input, true)
      default:
    }
  }

  output(): Json[] {
    return [...this.#items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item)
  }

  #item(at: number, type: string): Json {
    let item = this.#items.get(at)
    if (!item) {
      item = { type }
      this.#items.set(at, item)
    }
    return item
  }

  #field(at: number, type: string, field: string, text: unknown, whole = false): void {
    if (typeof text !== 'string') return
    const item = this.#item(at, type)
    item[field] = whole || typeof item[field] !== 'string' ? text : item[field] + text
  }

  #part(
    at: number,
    type: string,
    list: string,
    index: unknown,
    partType: string,
    field: string,
    text: unknown,
    whole = false,
  ): void {
    if (typeof text !== 'string') return
    const item = this.#item(at, type)
    if (!Array.isArray(item[list])) item[list] = []
    const parts = item[list] as unknown[]
    const i = typeof index === 'number' ? index : 0
    const part = isObject(parts[i]) ? parts[i] : (parts[i] = { type: partType })
    part[field] = whole || typeof part[field] !== 'string' ? text : part[field] + text
  }
}
