/**
 * Turns a fixture response into a canonical result: ids assigned, JSON content and arguments serialised,
 * ordered blocks built, finish reason resolved and usage estimated where the fixture gives none. Written
 * once; every surface encodes the result it returns.
 * @module
 */
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  ErrorResult,
  OutputBlock,
  ToolCall,
  Usage,
} from '../canonical'
import type { ParsedFixtureResponse } from '../fixtures/schema'
import {
  checkDimensions,
  checkEmbeddingSize,
  DEFAULT_DIMENSIONS,
  deterministicVector,
} from './embedding-vector'
import type { IdSource } from './ids'
import { estimateRequestTokens, estimateTokens } from './tokens'

export interface IdPrefixes {
  response: string
  toolCall: string
}

type Response = ParsedFixtureResponse

export function chatResult(
  response: Response,
  request: ChatRequest,
  ids: IdSource,
  prefixes: IdPrefixes,
): ChatResult {
  const blocks = outputBlocks(response, ids, prefixes)
  let hasCalls = false
  let outputChars = response.reasoning?.length ?? 0
  for (const block of blocks) {
    if (block.type === 'text') outputChars += block.text.length
    else {
      hasCalls = true
      outputChars += block.call.arguments.length
    }
  }
  const result: ChatResult = {
    kind: 'chat',
    id: response.id ?? ids.id(prefixes.response),
    model: response.model ?? request.model ?? 'standin-model',
    created: response.created ?? ids.now(),
    blocks,
    finishReason: response.finishReason ?? (hasCalls ? 'tool_calls' : 'stop'),
    usage: usage(response, request, outputChars),
  }
  if (response.reasoning) result.reasoning = response.reasoning
  if (response.audio) result.audio = response.audio
  if (response.reasoningSignature) result.reasoningSignature = response.reasoningSignature
  if (response.redactedThinking?.length) result.redactedReasoning = response.redactedThinking
  if (response.nativeFinishReason) result.nativeFinishReason = response.nativeFinishReason
  if (response.provider) result.upstreamProvider = response.provider
  return result
}

type FixtureCall = { name: string; arguments: string | Record<string, unknown>; id?: string | undefined }

function toolCall(c: FixtureCall, ids: IdSource, prefixes: IdPrefixes): ToolCall {
  return {
    id: c.id ?? ids.id(prefixes.toolCall),
    name: c.name,
    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
  }
}

function outputBlocks(response: Response, ids: IdSource, prefixes: IdPrefixes): OutputBlock[] {
  if (response.blocks) {
    return response.blocks.map((b) =>
      b.type === 'text'
        ? { type: 'text', text: b.text }
        : { type: 'toolCall', call: toolCall(b, ids, prefixes) },
    )
  }
  const blocks: OutputBlock[] = []
  const content = response.content
  const calls = response.toolCalls
  if (content !== undefined) {
    const text = typeof content === 'string' ? content : JSON.stringify(content)
    if (text !== '' || !calls?.length) blocks.push({ type: 'text', text })
  }
  if (calls) for (const c of calls) blocks.push({ type: 'toolCall', call: toolCall(c, ids, prefixes) })
  return blocks
}

/** The fixture's usage, else estimates (each estimate made only for a figure the fixture does not give). */
function usage(response: Response, request: ChatRequest, outputChars: number): Usage {
  const given = response.usage
  const reasoning = response.reasoning
  // Most fixtures give no usage: no empty object and no spread per reply for them.
  if (!given) {
    return {
      inputTokens: estimateRequestTokens(request),
      outputTokens: Math.ceil(outputChars / 4),
      reasoningTokens: reasoning ? estimateTokens(reasoning) : 0,
    }
  }
  const details = given.completion_tokens_details as { reasoning_tokens?: number } | undefined
  const out: Usage = {
    inputTokens: given.prompt_tokens ?? given.input_tokens ?? estimateRequestTokens(request),
    outputTokens: given.completion_tokens ?? given.output_tokens ?? Math.ceil(outputChars / 4),
    reasoningTokens:
      given.reasoning_tokens ?? details?.reasoning_tokens ?? (reasoning ? estimateTokens(reasoning) : 0),
  }
  if (typeof given.cost === 'number') out.cost = given.cost
  return out
}

export function embeddingResult(response: Response | undefined, request: EmbeddingRequest): EmbeddingResult {
  // Checked before any vector is made: the answer's size is known from the request and the fixture.
  const fixed = response?.embedding ?? response?.embeddings?.[0]
  const dimensions = fixed?.length ?? request.dimensions ?? DEFAULT_DIMENSIONS
  if (!fixed) checkDimensions(dimensions)
  checkEmbeddingSize(request.inputs.length, dimensions)
  // `embeddings` gives each input its own vector (a recorded batch); inputs past its end get the last one.
  const many = response?.embeddings
  const vectors = request.inputs.map(
    (input, index) =>
      many?.[Math.min(index, many.length - 1)] ??
      response?.embedding ??
      deterministicVector(input, request.dimensions),
  )
  return {
    kind: 'embedding',
    model: response?.model ?? request.model ?? 'standin-embedding',
    vectors,
    usage: { inputTokens: estimateRequestTokens(request), outputTokens: 0, reasoningTokens: 0 },
  }
}

export function errorResult(response: Response): ErrorResult {
  const error = response.error!
  const result: ErrorResult = { kind: 'error', status: response.status ?? 500, message: error.message }
  if (error.type !== undefined) result.type = error.type
  if (error.code !== undefined) result.code = String(error.code)
  if (error.param !== undefined) result.param = error.param
  if (error.metadata !== undefined) result.metadata = error.metadata
  if (response.retryAfter !== undefined) result.retryAfter = response.retryAfter
  return result
}
