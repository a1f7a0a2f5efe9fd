/**
 * The surface interface: what a provider folder implements. A surface holds wire format only (decode a
 * request into the canonical model, encode a canonical result and errors); matching, timing, the journal
 * and strictness are the engine's.
 * @module
 */
import type { CanonicalRequest, ChatResult, EmbeddingResult, ErrorResult, StreamEvent } from '../canonical'
import type { HeaderReader, Reply } from '../core/reply'
import type { Framing } from '../streaming/framing'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * A route template: literal text, `{name}` for one path segment (or the part of one before a `:`), `{name+}`
 * for any non-empty run of characters, `:` and `/` included (AWS's greedy label: Bedrock's model ids and
 * ARNs), and a leading `**` for any prefix, e.g. `**\/chat/completions`,
 * `/v1beta/models/{model}:generateContent` or `/model/{modelId+}/converse`.
 */
export interface RouteSpec {
  method: Method
  path: string
}

export interface DecodeContext {
  url: URL
  params: Record<string, string>
  headers: HeaderReader
  /**
   * State this provider keeps across requests on one mock (e.g. Responses API ids for
   * `previous_response_id`). Shared by the provider's surfaces; cleared by `reset()`.
   */
  memory: Map<string, unknown>
}

export interface Decoded<Wire> {
  request: CanonicalRequest
  /** Whatever the surface needs again to encode (stream options, the requested encoding, ...). */
  wire: Wire
  /**
   * Models to try in order after `request.model` (OpenRouter's `models` list). The engine matches each
   * candidate as the same request under that model: one that no fixture answers passes to the next, and so
   * does one answered by an error fixture when `onError` is true (unless the fixture sets
   * `fallthrough: false`). The winning model becomes the request's model; if none succeeds, the last error
   * stands, else the first model's miss.
   */
  fallback?: { models: string[]; onError: boolean }
}

export interface StreamEncoding<Wire> {
  /** The framing, fixed or chosen per request (Gemini: SSE with `alt=sse`, else a JSON array). */
  framing: Framing | ((wire: Wire) => Framing)
  /** The wire frames for one canonical event (an SSE frame `{event?, data}` or an NDJSON value). */
  frames(event: StreamEvent, result: ChatResult, wire: Wire): unknown[]
}

/** A request/response API: chat completions, embeddings, messages, ... */
export interface ExchangeSurface<Wire = unknown> {
  kind: 'exchange'
  /** `provider.api`, e.g. `openai.chat`. */
  id: string
  provider: string
  routes: RouteSpec[]
  /**
   * Claims a request its routes match only when this returns true, so two surfaces can share a path and
   * be told apart by a header (Anthropic's `GET /v1/models` carries `anthropic-version`). Default: always.
   */
  accepts?(headers: HeaderReader): boolean
  /** Prefixes for generated response and tool-call ids (default `resp_`, `call_`). */
  idPrefixes?: { response: string; toolCall: string }
  /** Throws a WireError for requests the provider would reject. */
  decode(body: unknown, context: DecodeContext): Decoded<Wire>
  encode(result: ChatResult | EmbeddingResult, wire: Wire): unknown
  stream?: StreamEncoding<Wire>
  /** The provider's error body; `wire` is undefined when decoding failed. */
  encodeError(error: ErrorResult, wire: Wire | undefined): unknown
  /** Extra headers on error responses (e.g. AWS `x-amzn-ErrorType`). */
  errorHeaders?(error: ErrorResult): Record<string, string>
}

export interface StaticContext {
  url: URL
  params: Record<string, string>
  headers: HeaderReader
  /** The parsed JSON body (undefined when empty); routes with a body, such as token counting. */
  body: unknown
  /** The provider's memory (see {@link DecodeContext.memory}). */
  memory: Map<string, unknown>
  /** Distinct literal models named by the loaded fixtures. */
  models(): string[]
  now(): number
}

/** An endpoint answered from the mock's own state (model lists, health). */
export interface StaticSurface {
  kind: 'static'
  id: string
  provider: string
  routes: RouteSpec[]
  /**
   * Claims a request its routes match only when this returns true, so two surfaces can share a path and
   * be told apart by a header (Anthropic's `GET /v1/models` carries `anthropic-version`). Default: always.
   */
  accepts?(headers: HeaderReader): boolean
  serve(context: StaticContext): Reply
  /**
   * The provider's error body for a request that fails before `serve` (bad JSON, a body over the cap) or
   * whose `serve` throws (a WireError naming a bad field). Every provider's static surface sets it; without
   * it the engine answers a bare `{"error": {message, type}}`, which no provider's SDK reads as its own.
   */
  encodeError?(error: ErrorResult): unknown
}

export type Surface = ExchangeSurface<any> | StaticSurface
