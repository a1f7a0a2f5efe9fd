/**
 * The canonical response model: what the core hands a surface to encode. Fixture responses are normalised
 * into this shape once (ids assigned, usage estimated, finish reason resolved), so surfaces only translate.
 * @module
 */
import type { ToolCall } from './request'

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter'

export interface Usage {
  inputTokens: number
  outputTokens: number
  reasoningTokens: number
  /** What the request cost, in credits/USD, when the fixture's usage gives one (OpenRouter's `usage.cost`). */
  cost?: number
}

/** One ordered output block. Text and tool calls stream in this order. */
export type OutputBlock = { type: 'text'; text: string } | { type: 'toolCall'; call: ToolCall }

export interface ChatResult {
  kind: 'chat'
  id: string
  model: string
  created: number
  reasoning?: string
  /** The provider's signature over the reasoning (Anthropic `thinking.signature`), when the fixture gives one. */
  reasoningSignature?: string
  /** Opaque redacted reasoning payloads (Anthropic `redacted_thinking.data`), in order. */
  redactedReasoning?: string[]
  blocks: OutputBlock[]
  /** Base64 audio the fixture gives for a spoken answer (realtime WebSocket APIs); its text is the transcript. */
  audio?: string
  finishReason: FinishReason
  /** The upstream's own finish reason, when the fixture gives one (OpenRouter's `native_finish_reason`). */
  nativeFinishReason?: string
  /** The upstream that served the response, when the fixture names one (OpenRouter's `provider`). */
  upstreamProvider?: string
  usage: Usage
}

export interface EmbeddingResult {
  kind: 'embedding'
  model: string
  vectors: number[][]
  usage: Usage
}

/** One web page a search found. */
export interface SearchHit {
  title: string
  url: string
  content: string
  /** Relevance from 0 to 1. */
  score: number
  rawContent?: string
  publishedDate?: string
  favicon?: string
}

export interface SearchResult {
  kind: 'search'
  query: string
  answer?: string
  hits: SearchHit[]
  images: Array<string | { url: string; description?: string }>
  followUpQuestions?: string[]
}

export interface ExtractResult {
  kind: 'extract'
  pages: Array<{ url: string; rawContent: string; title?: string; images?: string[] }>
  failed: Array<{ url: string; error: string }>
}

export interface RerankResult {
  kind: 'rerank'
  /** Document indexes, most relevant first, each with its score (0 to 1). */
  ranking: Array<{ index: number; score: number }>
}

/** One input's moderation verdict: every category the provider defines, flagged or not, with a score. */
export interface ModerationVerdict {
  flagged: boolean
  categories: Record<string, boolean>
  scores: Record<string, number>
}

export interface ModerationResult {
  kind: 'moderation'
  model: string
  /** One verdict per input, in input order. */
  verdicts: ModerationVerdict[]
}

export type ServiceResult = SearchResult | ExtractResult | RerankResult | ModerationResult

/** An error the mock answers with: from an error fixture, a miss, or a bad request. */
export interface ErrorResult {
  kind: 'error'
  status: number
  message: string
  type?: string
  code?: string
  param?: string | null
  retryAfter?: number
  /** Provider-specific details from the fixture's `error.metadata` (OpenRouter's `error.metadata`). */
  metadata?: Record<string, unknown>
  /** Extra response headers (for example `x-should-retry`). */
  headers?: Record<string, string>
}

/** The text of a result's blocks, joined. */
export function resultText(result: ChatResult): string {
  let text = ''
  for (const block of result.blocks) if (block.type === 'text') text += block.text
  return text
}

/** The tool calls of a result, in order. */
export function resultToolCalls(result: ChatResult): ToolCall[] {
  const calls: ToolCall[] = []
  for (const block of result.blocks) if (block.type === 'toolCall') calls.push(block.call)
  return calls
}
