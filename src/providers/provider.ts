/**
 * The surface contract: what a provider folder implements. A surface holds wire format only; matching,
 * timing, the journal and strictness are the engine's. Four kinds, told apart by `kind`:
 *
 * - {@link ChatSurface} (`'chat'`): decodes a body into a {@link DecodedChat} and encodes a `ChatResult`, as
 *   one JSON body or (with `stream`) as the frames of each canonical stream event.
 * - {@link EmbeddingSurface} (`'embedding'`): decodes into a {@link DecodedEmbedding} and encodes an
 *   `EmbeddingResult`.
 * - {@link ServiceSurface} (`'service'`): decodes into a search, extract, rerank or moderation request and
 *   encodes the matching `ServiceResult`.
 * - {@link StaticSurface} (`'static'`): answers from the mock's own state (model lists, token counts).
 *
 * Decoders return the canonical request without `surface` and `provider`: the engine stamps both from the
 * surface, so the same decoder serves under several surfaces.
 *
 * What several wires need alike (JSON guards, tool-call arguments as text or value, canonical message
 * builders, function-tool definitions, reasoning signatures) lives in `./wire/`. A provider folder imports
 * another only to reuse a surface or wire format that provider defines: Azure and OpenRouter speak
 * OpenAI's, Claude on Vertex and on Bedrock's invoke speaks Anthropic's, Gemini on Vertex speaks Gemini's.
 * @module
 */
import type {
  CanonicalRequest,
  ChatResult,
  EmbeddingResult,
  ErrorResult,
  ServiceResult,
  StreamEvent,
  Usage,
} from '../canonical'
import type { DecodedChat, DecodedEmbedding, DecodedService } from '../canonical/decoded'
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

/** What `decode` returns; the engine's view after stamping is the default, `Decoded<CanonicalRequest>`. */
export interface Decoded<Request = CanonicalRequest, Wire = unknown> {
  /**
   * The canonical request, without `surface` and `provider`: the engine stamps those from the surface that
   * decoded it, so a decoder reused under another surface (Azure's OpenAI surfaces, Vertex's Gemini and
   * Claude ones) is journaled under that surface's name without passing names around.
   */
  request: Request
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

/**
 * A chat answer read back from the wire (record mode collapses an upstream's reply into one): a
 * {@link ChatResult} whose envelope fields are absent when the wire does not carry them.
 */
export type DecodedChatResult = Omit<ChatResult, 'id' | 'created' | 'model' | 'usage'> &
  Partial<Pick<ChatResult, 'id' | 'created' | 'model'>> & { usage?: Partial<Usage> }

/** An embeddings answer read back from the wire: one vector per input, in input order. */
export interface DecodedEmbeddingResult {
  kind: 'embedding'
  model?: string
  vectors: number[][]
  usage?: Partial<Usage>
}

/**
 * The inverse of a surface's encoders, used by record mode: what the upstream said, as a canonical result.
 * `wire` is what `decode` returned for the request that was forwarded.
 */
export interface ResponseDecoding<Result, Wire> {
  /** A whole JSON body (a non-streamed answer). Throws a plain Error naming what is missing. */
  json(body: unknown, wire: Wire): Result
  /**
   * A streamed answer's frames, as `src/record/frames.ts` reads them for the surface's framing: SSE
   * `{event?, data}` with `data` parsed as JSON when it is JSON (else the raw text, e.g. `[DONE]`); NDJSON
   * and JSON-array elements as values; AWS event stream messages as `{headers, payload}` (string headers,
   * payload bytes). The same frames the surface's `stream.frames` wrote, so decode(encode(x)) is x.
   */
  stream?(frames: unknown[], wire: Wire): Result
  /** An upstream error body (status >= 400) in the provider's shape, as an error fixture would say it. */
  error?(status: number, body: unknown, headers: HeaderReader): ErrorResult
}

/** What every surface declares: who it is and which requests it claims. */
interface SurfaceBase {
  /** `provider.api`, e.g. `openai.chat`. */
  id: string
  provider: string
  routes: RouteSpec[]
  /**
   * Claims a request its routes match only when this returns true, so two surfaces can share a path and
   * be told apart by a header (Anthropic's `GET /v1/models` carries `anthropic-version`). Default: always.
   */
  accepts?(headers: HeaderReader): boolean
}

/** What chat and embedding surfaces share: decoding failures and error fixtures in the provider's shape. */
interface ExchangeBase<Wire> extends SurfaceBase {
  /** The provider's error body; `wire` is undefined when decoding failed. */
  encodeError(error: ErrorResult, wire: Wire | undefined): unknown
  /** Extra headers on error responses (e.g. AWS `x-amzn-ErrorType`). */
  errorHeaders?(error: ErrorResult): Record<string, string>
}

/** A chat API (chat completions, messages, generateContent, ...): JSON, or a stream when asked. */
export interface ChatSurface<Wire = unknown> extends ExchangeBase<Wire> {
  kind: 'chat'
  /** Prefixes for generated response and tool-call ids (default `resp_`, `call_`). */
  idPrefixes?: { response: string; toolCall: string }
  /** Throws a WireError for requests the provider would reject. */
  decode(body: unknown, context: DecodeContext): Decoded<DecodedChat, Wire>
  encode(result: ChatResult, wire: Wire): unknown
  /**
   * Opt-in: `encode` reads the wire only through the key returned here (and reads nothing but the result
   * otherwise), so the engine may serialise a fixture's answer once and splice in the generated ids and
   * timestamps (src/engine/json-template.ts).
   */
  jsonTemplate?(wire: Wire): string
  /** How a streamed answer is framed; without it a streaming request is answered with `encode`'s JSON. */
  stream?: StreamEncoding<Wire>
  /** Reads an upstream's answer back into a result (record mode); `stream` is set when `stream` above is. */
  response?: ResponseDecoding<DecodedChatResult, Wire>
}

/** An embeddings API: one vector per input, always JSON. */
export interface EmbeddingSurface<Wire = unknown> extends ExchangeBase<Wire> {
  kind: 'embedding'
  /** Throws a WireError for requests the provider would reject. */
  decode(body: unknown, context: DecodeContext): Decoded<DecodedEmbedding, Wire>
  encode(result: EmbeddingResult, wire: Wire): unknown
  /** Reads an upstream's answer back into vectors (record mode). */
  response?: ResponseDecoding<DecodedEmbeddingResult, Wire>
}

/**
 * A service API (web search, rerank, moderation): decodes into a service request and encodes the matching
 * {@link ServiceResult}, always JSON. Services are not recorded (record mode answers their misses as usual).
 */
export interface ServiceSurface<Wire = unknown> extends ExchangeBase<Wire> {
  kind: 'service'
  /** Throws a WireError for requests the provider would reject. */
  decode(body: unknown, context: DecodeContext): Decoded<DecodedService, Wire>
  encode(result: ServiceResult, wire: Wire): unknown
  /** Never set: record mode does not forward service requests (kept so surfaces are read alike). */
  response?: never
}

/** A request/response API the engine answers from fixtures: decode, select, build, journal, encode. */
export type ExchangeSurface<Wire = unknown> =
  ChatSurface<Wire> | EmbeddingSurface<Wire> | ServiceSurface<Wire>

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

/** An endpoint answered from the mock's own state (model lists, health, token counts). */
export interface StaticSurface extends SurfaceBase {
  kind: 'static'
  serve(context: StaticContext): Reply
  /**
   * The provider's error body for a request that fails before `serve` (bad JSON, a body over the cap) or
   * whose `serve` throws (a WireError naming a bad field). Every provider's static surface sets it; without
   * it the engine answers a bare `{"error": {message, type}}`, which no provider's SDK reads as its own.
   */
  encodeError?(error: ErrorResult): unknown
}

/**
 * Every surface the router serves, told apart by `kind`. The wire type is erased here (`any`): each surface
 * is typed against its own wire where it is declared, and the engine passes `wire` back unread.
 */
export type Surface = ChatSurface<any> | EmbeddingSurface<any> | ServiceSurface<any> | StaticSurface
