/**
 * Encoding a canonical result as a `GenerateContentResponse`: one candidate whose parts are the reasoning
 * (a `thought: true` text part), the text and the `functionCall`s, plus `usageMetadata`, `modelVersion`
 * and `responseId`. The streamed chunks are the same shape, one part at a time.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 * @module
 */
import type { ChatResult, FinishReason, ToolCall } from '../../canonical'
import type { Json } from '../wire/json-guards'
import { argumentsObject } from '../wire/tool-arguments'

export interface ResponseOptions {
  /** The last response of a stream, or the only one: carries the finish reason and the full usage. */
  final: boolean
  /** Vertex AI stamps every response with its creation time. */
  createTime?: boolean
}

export function generateContentResponse(result: ChatResult, parts: Json[], options: ResponseOptions): Json {
  const candidate: Json = { content: { parts, role: 'model' } }
  if (options.final) candidate.finishReason = finishReason(result.finishReason)
  candidate.index = 0
  return {
    candidates: [candidate],
    usageMetadata: usageMetadata(result, options.final),
    modelVersion: result.model,
    ...(options.createTime ? { createTime: new Date(result.created * 1000).toISOString() } : {}),
    responseId: result.id,
  }
}

/** Every part of the answer, in order: reasoning first, then the output blocks. */
export function responseParts(result: ChatResult): Json[] {
  const parts: Json[] = result.reasoning ? [{ text: result.reasoning, thought: true }] : []
  for (const block of result.blocks)
    parts.push(block.type === 'text' ? { text: block.text } : functionCallPart(block.call))
  const call = parts.findIndex((part) => part.functionCall !== undefined)
  const index = call >= 0 ? call : parts.findLastIndex((part) => part.thought !== true)
  if (index >= 0) parts[index] = signedPart(parts[index]!, result)
  return parts
}

/**
 * A fixture's reasoning signature travels as `thoughtSignature`, on the first function call part or else on
 * the last part, where Gemini puts it (clients send it back so the model can resume its reasoning).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function signedPart(part: Json, result: ChatResult): Json {
  return result.reasoningSignature ? { ...part, thoughtSignature: result.reasoningSignature } : part
}

/** Gemini carries arguments as a JSON object (a protobuf Struct), not as a string. */
export function functionCallPart(call: Pick<ToolCall, 'id' | 'name' | 'arguments'>): Json {
  return { functionCall: { id: call.id, name: call.name, args: argumentsObject(call, 'Gemini') } }
}

/**
 * Gemini has no finish reason for function calls: a turn that ends in calls finishes with `STOP`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function finishReason(reason: FinishReason): string {
  switch (reason) {
    case 'length':
      return 'MAX_TOKENS'
    case 'content_filter':
      return 'SAFETY'
    default:
      return 'STOP'
  }
}

/**
 * Gemini counts thoughts apart from candidates (`candidatesTokenCount` excludes `thoughtsTokenCount`), where
 * the canonical output count includes reasoning. Streamed chunks before the last carry the prompt count only.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function usageMetadata(result: Pick<ChatResult, 'usage'>, final: boolean): Json {
  const { inputTokens, outputTokens, reasoningTokens } = result.usage
  const promptTokensDetails = [{ modality: 'TEXT', tokenCount: inputTokens }]
  if (!final) return { promptTokenCount: inputTokens, totalTokenCount: inputTokens, promptTokensDetails }
  const thoughts = Math.min(reasoningTokens, outputTokens)
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: outputTokens - thoughts,
    totalTokenCount: inputTokens + outputTokens,
    promptTokensDetails,
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  }
}
