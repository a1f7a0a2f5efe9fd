/**
 * The canonical request model. Every surface decodes its provider's wire request into one of these, so
 * one matcher, one journal and one set of test matchers serve every provider.
 * @module
 */

/** A tool call the model made (in an assistant message) or that the mock returns. */
export interface ToolCall {
  id: string
  name: string
  /** Arguments as a JSON string, exactly as sent on the wire. */
  arguments: string
}

/** A tool result the application sent back to the model. */
export interface ToolResult {
  toolCallId: string
  /** The name of the tool, resolved from the assistant message that made the call when the wire omits it. */
  name?: string
  content: string
  isError?: boolean
}

export type Role = 'system' | 'user' | 'assistant' | 'tool'

export interface ChatMessage {
  role: Role
  /** The message's text parts joined with newlines (empty when it only carries tool calls or results). */
  text: string
  toolCalls?: ToolCall[]
  /** Set on `role: 'tool'` messages. */
  toolResult?: ToolResult
}

export interface ToolDefinition {
  name: string
  description?: string
  parameters?: unknown
}

export interface ResponseFormat {
  type: string
  name?: string
  schema?: unknown
}

interface RequestBase {
  /** The surface that decoded the request, e.g. `openai.chat`. */
  surface: string
  /** The provider family, e.g. `openai`. */
  provider: string
  model?: string
}

export interface ChatRequest extends RequestBase {
  kind: 'chat'
  /** All system (and developer) text joined with newlines. */
  system: string
  messages: ChatMessage[]
  tools: ToolDefinition[]
  stream: boolean
  responseFormat?: ResponseFormat
}

export interface EmbeddingRequest extends RequestBase {
  kind: 'embedding'
  inputs: string[]
  dimensions?: number
}

/** A web search (Tavily `POST /search`). */
export interface SearchRequest extends RequestBase {
  kind: 'search'
  query: string
  /** How many results the app asked for (`max_results`). */
  maxResults?: number
}

/** Reading pages by URL (Tavily `POST /extract`). */
export interface ExtractRequest extends RequestBase {
  kind: 'extract'
  urls: string[]
}

/** Ordering documents by relevance to a query (Cohere `POST /v2/rerank`, `/v1/rerank`). */
export interface RerankRequest extends RequestBase {
  kind: 'rerank'
  query: string
  /** Each document's text (the ranked fields of a structured v1 document, joined with newlines). */
  documents: string[]
  topN?: number
}

/** Classifying inputs as harmful or not (OpenAI `POST /v1/moderations`): one verdict per input. */
export interface ModerationRequest extends RequestBase {
  kind: 'moderation'
  /** Each input's text (a multimodal input's text parts joined, its images as their URLs). */
  inputs: string[]
}

/** A request to a search, extract, rerank or moderation service. */
export type ServiceRequest = SearchRequest | ExtractRequest | RerankRequest | ModerationRequest

export type CanonicalRequest = ChatRequest | EmbeddingRequest | ServiceRequest

/** A tool invocation that reached the mock directly (an MCP `tools/call`), as the journal records it. */
export interface ToolInvocation {
  kind: 'tool-call'
  surface: string
  provider: string
  model?: undefined
  name: string
  arguments: unknown
}

/** Any other JSON-RPC call that reached a mounted protocol server (MCP, A2A), as the journal records it. */
export interface RpcCall {
  kind: 'rpc'
  surface: string
  provider: string
  model?: undefined
  /** The JSON-RPC method, e.g. `tools/list`, `message/send`. */
  method: string
  params: unknown
  /** The JSON-RPC id; absent for a notification. */
  id?: string | number | null
}

/** A vector database operation that reached a dialect (Qdrant, Pinecone, Chroma), as the journal records it. */
export interface VectorOperation {
  kind: 'vector'
  /** The dialect's surface, e.g. `qdrant`. */
  surface: string
  /** `vector`: every dialect shares one store per session. */
  provider: string
  model?: undefined
  /** `qdrant`, `pinecone`, `chroma`. */
  dialect: string
  /** What was done, in the store's words: `query`, `upsert`, `fetch`, `delete`, `count`, `scroll`, `list`, `create-collection`... */
  operation: string
  collection?: string
  namespace?: string
  topK?: number
  /** The filter as sent on the wire, in the dialect's own language. */
  filter?: unknown
  /** Records written, fetched, deleted, counted or returned. */
  records?: number
  /** A query answered by canned results (`onQuery`). */
  canned?: boolean
}

/** What a journal entry records as the request. */
export type JournaledRequest = CanonicalRequest | ToolInvocation | RpcCall | VectorOperation
