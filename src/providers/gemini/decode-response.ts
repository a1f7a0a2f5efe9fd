/**
 * Reading a `GenerateContentResponse` back into a canonical result (record mode), whole or as the chunks of
 * `streamGenerateContent` (SSE events with `?alt=sse`, else the elements of one JSON array). The first
 * candidate's parts give the answer in order: `thought: true` text is the reasoning, other text the output,
 * `functionCall`s the tool calls (whole, or streamed as `partialArgs` on Vertex AI); the first
 * `thoughtSignature` on any part is the reasoning signature. Envelope and usage may come in any chunk: the
 * last value of each usage field wins, as Gemini repeats them and completes them in the last chunk.
 *
 * A function call without an `id` (models before Gemini 3 send none) gets the empty id: the wire had none,
 * and the request decoder pairs such calls with their responses by name.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 * @module
 */
import type { FinishReason, OutputBlock, ToolCall, Usage } from '../../canonical'
import type { DecodedChatResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'
import { decodeGoogleError } from './decode-error'
import { finishReason as encodedFinishReason } from './encode-response'
import { field } from './json-fields'
import { PartialArguments } from './partial-args'
import type { GenerateWire } from './stream'

export const generateContentDecoding: ResponseDecoding<DecodedChatResult, GenerateWire> = {
  json(body) {
    if (!isObject(body) || (body.candidates === undefined && field(body, 'promptFeedback') === undefined)) {
      throw new Error(notAResponse(body))
    }
    const reader = new ResponseReader()
    reader.push(body)
    return reader.result()
  },

  stream(frames, wire) {
    const reader = new ResponseReader()
    for (const frame of frames) {
      // SSE frames are `{event?, data}`; JSON-array frames are the responses themselves.
      const chunk = wire.sse && isObject(frame) && 'data' in frame ? frame.data : frame
      // Keep-alive or other non-JSON SSE data is not a chunk.
      if (wire.sse && typeof chunk === 'string') continue
      reader.push(chunk)
    }
    if (!reader.sawResponse) throw new Error('the stream held no GenerateContentResponse')
    return reader.result()
  },

  error: decodeGoogleError,
}

function notAResponse(body: unknown): string {
  if (isObject(body) && isObject(body.error) && typeof body.error.message === 'string') {
    return `expected a GenerateContentResponse, got an error: ${body.error.message}`
  }
  return 'expected a GenerateContentResponse (an object with candidates or promptFeedback)'
}

/** A tool call whose arguments are still streaming (`willContinue: true`). */
interface OpenCall {
  call: ToolCall
  partial: PartialArguments
  args: unknown
}

/**
 * Gemini's finish reasons as canonical ones (unknown ones are `stop`, or `tool_calls` after calls). A reason
 * other than the one the encoder writes for its canonical reason (`RECITATION`, where the encoder writes
 * `SAFETY`) is kept in `nativeFinishReason`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
const FINISH_REASONS: Record<string, FinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  // Cut at the per-request token limit; the answer goes on with the continuation token.
  CONTINUATION: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  IMAGE_PROHIBITED_CONTENT: 'content_filter',
  IMAGE_RECITATION: 'content_filter',
}

class ResponseReader {
  sawResponse = false
  private readonly blocks: OutputBlock[] = []
  private reasoning = ''
  private signature: string | undefined
  private nativeReason: string | undefined
  private blockReason: string | undefined
  private sawText = false
  private open: OpenCall | undefined
  private readonly usage: Record<string, number> = {}
  private model: string | undefined
  private id: string | undefined
  private created: number | undefined

  push(response: unknown): void {
    if (!isObject(response)) throw new Error('expected a GenerateContentResponse object in the stream')
    if (isObject(response.error)) {
      const message = typeof response.error.message === 'string' ? response.error.message : 'no message'
      throw new Error(`the stream ended in an error: ${message}`)
    }
    this.sawResponse = true
    this.envelope(response)
    const feedback = field(response, 'promptFeedback')
    const blockReason = isObject(feedback) ? field(feedback, 'blockReason') : undefined
    if (typeof blockReason === 'string') this.blockReason = blockReason
    const candidate = firstCandidate(response.candidates)
    if (!candidate) return
    const content = candidate.content
    if (isObject(content) && Array.isArray(content.parts)) for (const part of content.parts) this.part(part)
    const reason = field(candidate, 'finishReason')
    if (typeof reason === 'string') this.nativeReason = reason
  }

  private envelope(response: Json): void {
    const model = field(response, 'modelVersion')
    if (this.model === undefined && typeof model === 'string' && model !== '') this.model = model
    const id = field(response, 'responseId')
    if (this.id === undefined && typeof id === 'string' && id !== '') this.id = id
    const createTime = field(response, 'createTime')
    if (this.created === undefined && typeof createTime === 'string') {
      const ms = Date.parse(createTime)
      if (!Number.isNaN(ms)) this.created = Math.floor(ms / 1000)
    }
    const usage = field(response, 'usageMetadata')
    if (isObject(usage)) {
      for (const name of [
        'promptTokenCount',
        'candidatesTokenCount',
        'thoughtsTokenCount',
        'toolUsePromptTokenCount',
      ]) {
        const count = field(usage, name)
        if (typeof count === 'number') this.usage[name] = count
      }
    }
  }

  private part(part: unknown): void {
    if (!isObject(part)) return
    const signature = field(part, 'thoughtSignature')
    if (this.signature === undefined && typeof signature === 'string' && signature !== '') {
      this.signature = signature
    }
    const call = field(part, 'functionCall')
    if (part.thought === true) {
      if (typeof part.text === 'string') this.reasoning += part.text
    } else if (isObject(call)) {
      this.functionCall(call)
    } else if (typeof part.text === 'string') {
      this.text(part.text)
    }
    // Other parts (inline data, executable code, code results) have no canonical form.
  }

  private text(text: string): void {
    this.sawText = true
    if (text === '') return
    const last = this.blocks.at(-1)
    if (last?.type === 'text') last.text += text
    else this.blocks.push({ type: 'text', text })
  }

  private functionCall(raw: Json): void {
    const continues = field(raw, 'willContinue') === true
    // A part naming another function starts a new call even if the last one never said it was done.
    if (this.open && typeof raw.name === 'string' && raw.name !== '' && raw.name !== this.open.call.name) {
      this.closeCall()
    }
    if (this.open) {
      // The next piece of a call streamed in parts: more partial arguments, until one says it is the last.
      const open = this.open
      open.partial.add(field(raw, 'partialArgs'))
      if (raw.args !== undefined) open.args = raw.args
      if (typeof raw.id === 'string' && raw.id !== '' && open.call.id === '') open.call.id = raw.id
      if (!continues) this.closeCall()
      return
    }
    if (typeof raw.name !== 'string' || raw.name === '') throw new Error('a functionCall part has no name')
    const call: ToolCall = { id: typeof raw.id === 'string' ? raw.id : '', name: raw.name, arguments: '' }
    this.blocks.push({ type: 'toolCall', call })
    const partial = new PartialArguments()
    partial.add(field(raw, 'partialArgs'))
    this.open = { call, partial, args: raw.args }
    if (!continues) this.closeCall()
  }

  private closeCall(): void {
    const open = this.open
    if (!open) return
    this.open = undefined
    const streamed = open.partial.value()
    open.call.arguments = argumentsJson(
      open.args ?? (Object.keys(streamed).length > 0 ? streamed : undefined),
    )
  }

  result(): DecodedChatResult {
    this.closeCall()
    const blocks = this.blocks
    // An answer of one empty text part is an empty text, not no answer.
    if (blocks.length === 0 && this.sawText) blocks.push({ type: 'text', text: '' })
    const hasCalls = blocks.some((block) => block.type === 'toolCall')
    const result: DecodedChatResult = { kind: 'chat', blocks, finishReason: 'stop' }
    if (this.id !== undefined) result.id = this.id
    if (this.model !== undefined) result.model = this.model
    if (this.created !== undefined) result.created = this.created
    if (this.reasoning !== '') result.reasoning = this.reasoning
    if (this.signature !== undefined) result.reasoningSignature = this.signature
    if (this.nativeReason === undefined && this.blockReason !== undefined) {
      // The prompt was blocked: no candidate, and the block reason says why.
      result.finishReason = 'content_filter'
      result.nativeFinishReason = this.blockReason
    } else {
      const native = this.nativeReason
      const mapped = native !== undefined ? FINISH_REASONS[native] : undefined
      result.finishReason =
        mapped === 'stop' || mapped === undefined ? (hasCalls ? 'tool_calls' : 'stop') : mapped
      if (native !== undefined && native !== encodedFinishReason(result.finishReason)) {
        result.nativeFinishReason = native
      }
    }
    const usage = this.decodedUsage()
    if (usage) result.usage = usage
    return result
  }

  /**
   * Gemini counts thoughts apart from candidates and tool-use prompts apart from the prompt; the canonical
   * output includes reasoning and the input includes what tools fed the model.
   */
  private decodedUsage(): Partial<Usage> | undefined {
    const { promptTokenCount, candidatesTokenCount, thoughtsTokenCount, toolUsePromptTokenCount } = this.usage
    const usage: Partial<Usage> = {}
    if (promptTokenCount !== undefined || toolUsePromptTokenCount !== undefined) {
      usage.inputTokens = (promptTokenCount ?? 0) + (toolUsePromptTokenCount ?? 0)
    }
    if (candidatesTokenCount !== undefined || thoughtsTokenCount !== undefined) {
      usage.outputTokens = (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0)
      usage.reasoningTokens = thoughtsTokenCount ?? 0
    }
    return Object.keys(usage).length > 0 ? usage : undefined
  }
}

/** The candidate at index 0 (Gemini numbers them; one without an index is the first). */
function firstCandidate(candidates: unknown): Json | undefined {
  if (!Array.isArray(candidates)) return undefined
  const objects = candidates.filter(isObject)
  return objects.find((candidate) => (candidate.index ?? 0) === 0) ?? objects[0]
}
