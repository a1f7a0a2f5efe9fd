/**
 * Reading a Converse answer back into a canonical result (record mode): the Converse response body (also
 * Nova's InvokeModel answer) and the ConverseStream events that build one (`messageStart`,
 * `contentBlockStart` for tool uses, `contentBlockDelta`, `contentBlockStop`, `messageStop`, `metadata`; Nova's
 * InvokeModel stream sends the same events as chunks).
 *
 * - Text, `toolUse` and `citationsContent` (text with citations) blocks keep their order; `reasoningContent`
 *   becomes the reasoning with its signature, or a redacted reasoning blob (base64, as JSON carries it).
 * - Tool input is a JSON document in a body (serialised here) and JSON text fragments in a stream (joined).
 * - Usage: input tokens are `inputTokens` plus the cache read and write tokens, which Bedrock counts apart
 *   (the whole prompt, as the canonical count means it); Nova's native body names them
 *   `cacheReadInputTokenCount`/`cacheWriteInputTokenCount`.
 * - Converse names no model, id or creation time: the result has none.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 * @module
 */
import type { FinishReason, Usage } from '../../canonical'
import type { DecodedChatResult } from '../provider'
import { decodedContent, type DecodedPiece } from '../wire/decoded-blocks'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'
import { converseStopReason } from './converse-output'

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  content_filtered: 'content_filter',
  guardrail_intervened: 'content_filter',
  stop_sequence: 'stop',
  model_context_window_exceeded: 'length',
  malformed_model_output: 'stop',
  malformed_tool_use: 'stop',
}

/** The canonical finish reason of a `stopReason`; the native one is kept when it would not encode back. */
export function converseFinish(
  stopReason: string,
): Pick<DecodedChatResult, 'finishReason' | 'nativeFinishReason'> {
  const finishReason = FINISH_REASONS[stopReason] ?? 'stop'
  return converseStopReason(finishReason) === stopReason
    ? { finishReason }
    : { finishReason, nativeFinishReason: stopReason }
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A `usage` object (TokenUsage) as canonical counts. */
export function converseUsageOf(raw: Json): Partial<Usage> {
  const usage: Partial<Usage> = {}
  const input = count(raw.inputTokens)
  if (input !== undefined) {
    const read = count(raw.cacheReadInputTokens) ?? count(raw.cacheReadInputTokenCount) ?? 0
    const write = count(raw.cacheWriteInputTokens) ?? count(raw.cacheWriteInputTokenCount) ?? 0
    usage.inputTokens = input + read + write
  }
  const output = count(raw.outputTokens)
  if (output !== undefined) usage.outputTokens = output
  return usage
}

function usageField(raw: unknown): Pick<DecodedChatResult, 'usage'> {
  if (!isObject(raw)) return {}
  const usage = converseUsageOf(raw)
  return Object.keys(usage).length > 0 ? { usage } : {}
}

/** The Converse response body; `what` names it in errors (`Converse response`, `Nova response`). */
export function decodeConverseResponse(body: unknown, what = 'Converse response'): DecodedChatResult {
  if (!isObject(body)) throw new Error(`${what}: the body is not a JSON object`)
  const message = isObject(body.output) && isObject(body.output.message) ? body.output.message : undefined
  if (!message || !Array.isArray(message.content)) {
    throw new Error(`${what}: output.message.content is not a list`)
  }
  if (typeof body.stopReason !== 'string') throw new Error(`${what}: stopReason is missing`)
  const pieces = message.content.map((block, i) => piece(block, `${what}: output.message.content[${i}]`))
  return {
    kind: 'chat',
    ...decodedContent(pieces),
    ...converseFinish(body.stopReason),
    ...usageField(body.usage),
  }
}

function requireString(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new Error(`${at} is not a string`)
  return value
}

/** A ContentBlock of the output message; images, documents and other blocks are not kept. */
function piece(block: unknown, at: string): DecodedPiece | undefined {
  if (!isObject(block)) throw new Error(`${at} is not a content block`)
  if (typeof block.text === 'string') return { type: 'text', text: block.text }
  if (isObject(block.toolUse)) {
    const use = block.toolUse
    return {
      type: 'tool',
      id: requireString(use.toolUseId, `${at}.toolUse.toolUseId`),
      name: requireString(use.name, `${at}.toolUse.name`),
      arguments: argumentsJson(use.input),
    }
  }
  if (isObject(block.reasoningContent)) {
    const reasoning = block.reasoningContent
    if (isObject(reasoning.reasoningText)) {
      const { text, signature } = reasoning.reasoningText
      return {
        type: 'reasoning',
        text: requireString(text ?? '', `${at}.reasoningContent.reasoningText.text`),
        signature: typeof signature === 'string' ? signature : '',
      }
    }
    if (typeof reasoning.redactedContent === 'string')
      return { type: 'redacted', data: reasoning.redactedContent }
    return undefined
  }
  if (isObject(block.citationsContent) && Array.isArray(block.citationsContent.content)) {
    const text = block.citationsContent.content
      .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
      .join('')
    return { type: 'text', text }
  }
  return undefined
}

/** One ConverseStream event: its type (`contentBlockDelta`) and its JSON body. */
export interface ConverseEventIn {
  type: string
  body: unknown
}

/** A block being streamed: text by deltas (it has no start event), tool input by fragments. */
type Open =
  | { type: 'text'; text: string }
  | { type: 'tool'; id: string; name: string; json: string }
  | { type: 'reasoning'; text: string; signature: string; redacted: string[] }
  | { type: 'other' }

/**
 * The events of one streamed message, in order. Unknown event and delta types are skipped; a stream that
 * ends before `messageStop` throws. `what` names the stream in errors.
 */
export function decodeConverseEvents(
  events: Iterable<ConverseEventIn>,
  what = 'ConverseStream',
): DecodedChatResult {
  const blocks = new Map<number, Open>()
  let stopReason: string | undefined
  let usage: unknown
  for (const { type, body } of events) {
    if (!isObject(body)) continue
    switch (type) {
      case 'contentBlockStart': {
        const index = blockIndex(body, type, what)
        const start = isObject(body.start) ? body.start : {}
        if (isObject(start.toolUse)) {
          const at = `${what}: contentBlockStart[${index}].start.toolUse`
          blocks.set(index, {
            type: 'tool',
            id: requireString(start.toolUse.toolUseId, `${at}.toolUseId`),
            name: requireString(start.toolUse.name, `${at}.name`),
            json: '',
          })
        } else {
          blocks.set(index, { type: 'other' })
        }
        break
      }
      case 'contentBlockDelta': {
        const index = blockIndex(body, type, what)
        if (isObject(body.delta)) applyDelta(blocks, index, body.delta, what)
        break
      }
      case 'messageStop':
        if (typeof body.stopReason === 'string') stopReason = body.stopReason
        break
      case 'metadata':
        usage = body.usage
        break
      default:
        // messageStart, contentBlockStop and event types added later carry nothing to keep.
        break
    }
  }
  if (stopReason === undefined) throw new Error(`${what}: the stream ended without messageStop`)
  const pieces = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => close(block))
  return { kind: 'chat', ...decodedContent(pieces), ...converseFinish(stopReason), ...usageField(usage) }
}

function blockIndex(body: Json, type: string, what: string): number {
  if (typeof body.contentBlockIndex !== 'number') throw new Error(`${what}: ${type} has no contentBlockIndex`)
  return body.contentBlockIndex
}

function applyDelta(blocks: Map<number, Open>, index: number, delta: Json, what: string): void {
  const block = blocks.get(index)
  if (typeof delta.text === 'string') {
    if (!block) blocks.set(index, { type: 'text', text: delta.text })
    else if (block.type === 'text') block.text += delta.text
    return
  }
  if (isObject(delta.toolUse)) {
    if (block?.type !== 'tool')
      throw new Error(`${what}: tool input for block ${index} before its contentBlockStart`)
    if (typeof delta.toolUse.input === 'string') block.json += delta.toolUse.input
    return
  }
  if (isObject(delta.reasoningContent)) {
    const reasoning = delta.reasoningContent
    let open = block
    if (!open) {
      open = { type: 'reasoning', text: '', signature: '', redacted: [] }
      blocks.set(index, open)
    }
    if (open.type !== 'reasoning') return
    if (typeof reasoning.text === 'string') open.text += reasoning.text
    // The signature arrives whole, after the text.
    if (typeof reasoning.signature === 'string') open.signature = reasoning.signature
    if (typeof reasoning.redactedContent === 'string') open.redacted.push(reasoning.redactedContent)
  }
  // citation, image, toolResult and delta types added later: nothing to keep.
}

function close(block: Open): DecodedPiece | undefined {
  switch (block.type) {
    case 'text':
      return block
    case 'tool':
      // No fragments (a tool without parameters): an empty input object.
      return {
        type: 'tool',
        id: block.id,
        name: block.name,
        arguments: block.json === '' ? '{}' : block.json,
      }
    case 'reasoning':
      if (block.redacted.length > 0 && block.text === '')
        return { type: 'redacted', data: joinBlobs(block.redacted) }
      return { type: 'reasoning', text: block.text, signature: block.signature }
    case 'other':
      return undefined
  }
}

/** One blob sent in several base64 parts: one part as it came, several as their bytes joined. */
function joinBlobs(parts: string[]): string {
  if (parts.length === 1) return parts[0]!
  return Buffer.concat(parts.map((part) => Buffer.from(part, 'base64'))).toString('base64')
}
