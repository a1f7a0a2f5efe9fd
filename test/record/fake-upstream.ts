/**
 * A fake upstream for record mode's tests: a node:http server on 127.0.0.1 that answers the way each real
 * provider answers, on the provider's own paths, streamed and not, with the provider's response headers.
 *
 * It is an independent oracle: every body, frame and header here was written from the providers' API
 * references and from what the official SDKs in node_modules parse (their types and stream readers), never
 * from standin's encoders. `fake-upstream.test.ts` proves each official SDK accepts it.
 *
 * What it answers is chosen per request by a script. The default is an agent loop: a conversation whose
 * last message is a tool result gets the text {@link WEATHER_TEXT}; one that offers a tool named
 * `get_weather` gets the call `get_weather({"city":"Paris"})`; anything else gets `Echo: <last user text>`.
 * @module
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventStreamCodec } from '@smithy/eventstream-codec'

/** The answer to a conversation whose last message is a tool result. */
export const WEATHER_TEXT = 'The weather in Paris is sunny, 21°C.'
/** The tool call offered tools named `get_weather` get. */
export const WEATHER_CALL = { name: 'get_weather', arguments: { city: 'Paris' } } as const
/** The thinking text `{ reasoning: true }` adds. */
export const REASONING_TEXT = 'The user wants an answer. Let me think about which step comes next.'

/** Which provider operation a request reached. */
export type FakeRoute =
  | 'openai.chat'
  | 'openai.responses'
  | 'openai.embeddings'
  | 'azure.chat'
  | 'azure.embeddings'
  | 'openrouter.chat'
  | 'anthropic.messages'
  | 'gemini.generateContent'
  | 'gemini.streamGenerateContent'
  | 'gemini.embedContent'
  | 'gemini.batchEmbedContents'
  | 'vertex.generateContent'
  | 'vertex.streamGenerateContent'
  | 'vertex-anthropic.rawPredict'
  | 'vertex-anthropic.streamRawPredict'
  | 'bedrock.converse'
  | 'bedrock.converseStream'
  | 'bedrock.invoke'
  | 'bedrock.invokeStream'
  | 'cohere.chat'
  | 'cohere.embed'
  | 'ollama.chat'
  | 'ollama.generate'
  | 'ollama.embed'

/** A request as the fake received it. `path` is the raw (still percent-encoded) path, without the query. */
export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  /** Parsed JSON when the body is JSON, else the text (undefined when empty). */
  body: unknown
  /** The operation the request reached, or undefined when no route matched (answered 404). */
  route: FakeRoute | undefined
}

/** An error answered in the provider's own shape, with its status (and its type or code when given). */
export interface FakeError {
  status: number
  message?: string
  /** OpenAI's `type`, Anthropic's `error.type`, Bedrock's exception name, Gemini's `status`. */
  type?: string
  code?: string
}

/** How to answer one request. Every field is optional; an empty script is the agent loop. */
export interface FakeScript {
  /** Answer this text instead of the agent loop's choice. */
  text?: string
  /** Answer this tool call instead of the agent loop's choice. */
  toolCall?: { name: string; arguments: Record<string, unknown> }
  /** Think first: thinking / reasoning content (with a signature where the provider has one). */
  reasoning?: boolean | string
  /** Answer this error, in the provider's shape, instead of an answer. */
  error?: FakeError
  /** Milliseconds between stream frames (default 3). Every frame is its own write either way. */
  slow?: number
  /** Destroy the connection after this many stream frames: an upstream that breaks mid-stream. */
  cutAfter?: number
  /** Embedding dimensions when the request names none (default 8). */
  dimensions?: number
}

/** A script for every request, or one chosen per request. */
export type Script = FakeScript | ((request: FakeRequest) => FakeScript | undefined)

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  /** Every request received, in order. */
  requests: FakeRequest[]
  /** The script; assign to change it between requests. */
  script: Script
  close(): Promise<void>
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeUpstream(script: Script = {}): Promise<FakeUpstream> {
  const requests: FakeRequest[] = []
  const ids = new Ids(0x5eed)
  const fake: FakeUpstream = { url: '', requests, script, close: async () => {} }
  const server = createServer((req, res) => {
    handle(req, res, fake, ids).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(`fake upstream failed: ${String(error)}`)
      } else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  fake.url = `http://127.0.0.1:${port}`
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return fake
}

// ---------------------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------------------

interface Ctx {
  request: FakeRequest
  body: Record<string, any>
  res: ServerResponse
  script: FakeScript
  ids: Ids
  /** Capture groups of the route's pattern, percent-decoded. */
  params: string[]
}

interface RouteDef {
  route: FakeRoute
  pattern: RegExp
  handle: (ctx: Ctx) => Promise<void>
}

const routes: RouteDef[] = [
  { route: 'openai.chat', pattern: /^\/v1\/chat\/completions$/, handle: (c) => openaiChat(c) },
  { route: 'openai.responses', pattern: /^\/v1\/responses$/, handle: (c) => openaiResponses(c) },
  { route: 'openai.embeddings', pattern: /^\/v1\/embeddings$/, handle: (c) => openaiEmbeddings(c, 'openai') },
  {
    route: 'azure.chat',
    pattern: /^\/openai\/deployments\/([^/]+)\/chat\/completions$/,
    handle: (c) => azureChat(c),
  },
  {
    route: 'azure.embeddings',
    pattern: /^\/openai\/deployments\/([^/]+)\/embeddings$/,
    handle: (c) => openaiEmbeddings(c, 'azure'),
  },
  { route: 'openrouter.chat', pattern: /^\/api\/v1\/chat\/completions$/, handle: (c) => openrouterChat(c) },
  {
    route: 'anthropic.messages',
    pattern: /^\/v1\/messages$/,
    handle: (c) => anthropicMessages(c, 'anthropic'),
  },
  {
    route: 'gemini.generateContent',
    pattern: /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):generateContent$/,
    handle: (c) => geminiGenerate(c, 'gemini', false),
  },
  {
    route: 'gemini.streamGenerateContent',
    pattern: /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):streamGenerateContent$/,
    handle: (c) => geminiGenerate(c, 'gemini', true),
  },
  {
    route: 'gemini.embedContent',
    pattern: /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):embedContent$/,
    handle: (c) => geminiEmbed(c, false),
  },
  {
    route: 'gemini.batchEmbedContents',
    pattern: /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):batchEmbedContents$/,
    handle: (c) => geminiEmbed(c, true),
  },
  {
    route: 'vertex.generateContent',
    pattern:
      /^\/(v1|v1beta1)(?:\/projects\/[^/]+\/locations\/[^/]+)?\/publishers\/google\/models\/([^/:]+):generateContent$/,
    handle: (c) => geminiGenerate(c, 'vertex', false),
  },
  {
    route: 'vertex.streamGenerateContent',
    pattern:
      /^\/(v1|v1beta1)(?:\/projects\/[^/]+\/locations\/[^/]+)?\/publishers\/google\/models\/([^/:]+):streamGenerateContent$/,
    handle: (c) => geminiGenerate(c, 'vertex', true),
  },
  {
    route: 'vertex-anthropic.rawPredict',
    pattern:
      /^\/(v1|v1beta1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):rawPredict$/,
    handle: (c) => anthropicMessages(c, 'vertex'),
  },
  {
    route: 'vertex-anthropic.streamRawPredict',
    pattern:
      /^\/(v1|v1beta1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):streamRawPredict$/,
    handle: (c) => anthropicMessages(c, 'vertex'),
  },
  {
    route: 'bedrock.converse',
    pattern: /^\/model\/([^/]+)\/converse$/,
    handle: (c) => bedrockConverse(c, false),
  },
  {
    route: 'bedrock.converseStream',
    pattern: /^\/model\/([^/]+)\/converse-stream$/,
    handle: (c) => bedrockConverse(c, true),
  },
  { route: 'bedrock.invoke', pattern: /^\/model\/([^/]+)\/invoke$/, handle: (c) => bedrockInvoke(c, false) },
  {
    route: 'bedrock.invokeStream',
    pattern: /^\/model\/([^/]+)\/invoke-with-response-stream$/,
    handle: (c) => bedrockInvoke(c, true),
  },
  { route: 'cohere.chat', pattern: /^\/v2\/chat$/, handle: (c) => cohereChat(c) },
  { route: 'cohere.embed', pattern: /^\/v2\/embed$/, handle: (c) => cohereEmbed(c) },
  { route: 'ollama.chat', pattern: /^\/api\/chat$/, handle: (c) => ollamaChat(c) },
  { route: 'ollama.generate', pattern: /^\/api\/generate$/, handle: (c) => ollamaGenerate(c) },
  { route: 'ollama.embed', pattern: /^\/api\/embed$/, handle: (c) => ollamaEmbed(c) },
]

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  fake: FakeUpstream,
  ids: Ids,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid')
  const raw = await readBody(req)
  let body: unknown = raw === '' ? undefined : raw
  try {
    if (raw !== '') body = JSON.parse(raw)
  } catch {
    // Not JSON: kept as text.
  }
  const query: Record<string, string> = {}
  for (const [key, value] of url.searchParams) query[key] = value
  let def: RouteDef | undefined
  let match: RegExpExecArray | null = null
  for (const candidate of req.method === 'POST' ? routes : []) {
    match = candidate.pattern.exec(url.pathname)
    if (match) {
      def = candidate
      break
    }
  }
  const request: FakeRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers: req.headers,
    body,
    route: def?.route,
  }
  fake.requests.push(request)
  if (!def || !match) {
    sendJson(
      res,
      404,
      { 'content-type': 'application/json' },
      `{"error":"fake upstream has no route for ${req.method} ${url.pathname}"}`,
    )
    return
  }
  const script = (typeof fake.script === 'function' ? fake.script(request) : fake.script) ?? {}
  const params = match.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)))
  const object =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, any>) : {}
  await def.handle({ request, body: object, res, script, ids, params })
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

// ---------------------------------------------------------------------------------------------------------
// Writing: whole bodies, and streams one frame per write with a real gap between writes
// ---------------------------------------------------------------------------------------------------------

type Headers = Record<string, string | string[]>

function sendJson(res: ServerResponse, status: number, headers: Headers, body: string | Uint8Array): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) })
  res.end(body)
}

async function sendStream(
  ctx: Ctx,
  headers: Headers,
  frames: Array<string | Uint8Array>,
  status = 200,
): Promise<void> {
  const { res, script } = ctx
  const gap = script.slow ?? 3
  res.writeHead(status, headers)
  res.flushHeaders()
  for (let i = 0; i < frames.length; i++) {
    if (res.destroyed) return
    if (script.cutAfter !== undefined && i >= script.cutAfter) {
      res.destroy()
      return
    }
    if (i > 0) await sleep(gap)
    const frame = frames[i]!
    if (!res.write(frame)) await new Promise<void>((resolve) => res.once('drain', resolve))
  }
  res.end()
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** `data: <json>\n\n`, the frame of OpenAI-compatible streams. */
const dataFrame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`
/** `event: <name>\ndata: <json>\n\n`, the frame of Anthropic's, OpenAI Responses' and Cohere's streams. */
const eventFrame = (event: string, value: unknown) => `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`

// ---------------------------------------------------------------------------------------------------------
// The script: what a conversation gets
// ---------------------------------------------------------------------------------------------------------

/** A conversation as the agent loop sees it, whatever the provider's wire. */
interface Conversation {
  lastIsToolResult: boolean
  tools: string[]
  lastUserText: string
}

interface Answer {
  reasoning?: string
  text?: string
  tool?: { name: string; arguments: Record<string, unknown> }
  inputTokens: number
  /** Visible output tokens (text, or the tool call's arguments). */
  outputTokens: number
  reasoningTokens: number
}

function decide(conversation: Conversation, script: FakeScript, body: unknown): Answer {
  let text: string | undefined
  let tool: Answer['tool']
  if (script.toolCall) tool = { name: script.toolCall.name, arguments: script.toolCall.arguments }
  else if (script.text !== undefined) text = script.text
  else if (conversation.lastIsToolResult) text = WEATHER_TEXT
  else if (conversation.tools.includes(WEATHER_CALL.name))
    tool = { name: WEATHER_CALL.name, arguments: { ...WEATHER_CALL.arguments } }
  else text = `Echo: ${conversation.lastUserText}`
  const reasoning =
    script.reasoning === undefined || script.reasoning === false
      ? undefined
      : script.reasoning === true
        ? REASONING_TEXT
        : script.reasoning
  return {
    reasoning,
    text,
    tool,
    inputTokens: tokens(JSON.stringify(body ?? '')),
    outputTokens: tokens(text ?? JSON.stringify(tool?.arguments ?? {})),
    reasoningTokens: reasoning === undefined ? 0 : tokens(reasoning),
  }
}

/** A deterministic token count: a token every four characters, at least one. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

/** The text of a message's content: a string, or the text of its text parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part: any) =>
      part && typeof part.text === 'string' && (part.type === undefined || /text/.test(part.type))
        ? part.text
        : '',
    )
    .join('')
}

const list = (value: unknown): any[] => (Array.isArray(value) ? value : [])
const lastWhere = <T>(items: T[], test: (item: T) => boolean): T | undefined => {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i]
  return undefined
}

/** OpenAI chat, Azure, OpenRouter, Cohere v2 and Ollama: `messages` with `role: "tool"` results. */
function roleToolConversation(body: Record<string, any>): Conversation {
  const messages = list(body.messages)
  const last = messages.at(-1)
  return {
    lastIsToolResult: last?.role === 'tool' || last?.role === 'function',
    tools: list(body.tools).map((t) => t?.function?.name ?? t?.name),
    lastUserText: textOf(lastWhere(messages, (m) => m?.role === 'user')?.content),
  }
}

function responsesConversation(body: Record<string, any>): Conversation {
  const tools = list(body.tools).map((t) => t?.name ?? t?.function?.name)
  if (typeof body.input === 'string') return { lastIsToolResult: false, tools, lastUserText: body.input }
  const input = list(body.input)
  return {
    lastIsToolResult: input.at(-1)?.type === 'function_call_output',
    tools,
    lastUserText: textOf(lastWhere(input, (item) => item?.role === 'user')?.content),
  }
}

function anthropicConversation(body: Record<string, any>): Conversation {
  const messages = list(body.messages)
  const last = messages.at(-1)
  return {
    lastIsToolResult: last?.role === 'user' && list(last.content).some((b) => b?.type === 'tool_result'),
    tools: list(body.tools).map((t) => t?.name),
    lastUserText: textOf(lastWhere(messages, (m) => m?.role === 'user' && textOf(m.content) !== '')?.content),
  }
}

function geminiConversation(body: Record<string, any>): Conversation {
  const contents = list(body.contents)
  return {
    lastIsToolResult: list(contents.at(-1)?.parts).some((p) => p?.functionResponse),
    tools: list(body.tools).flatMap((t) => list(t?.functionDeclarations).map((f) => f?.name)),
    lastUserText: textOf(lastWhere(contents, (c) => (c?.role ?? 'user') === 'user')?.parts),
  }
}

function converseConversation(body: Record<string, any>): Conversation {
  const messages = list(body.messages)
  return {
    lastIsToolResult: list(messages.at(-1)?.content).some((c) => c?.toolResult),
    tools: list(body.toolConfig?.tools).map((t) => t?.toolSpec?.name),
    lastUserText: textOf(lastWhere(messages, (m) => m?.role === 'user')?.content),
  }
}

/** Splits text into word-sized stream pieces (a word and the spaces after it), by code point. */
function words(text: string): string[] {
  const pieces = text.match(/\S+\s*|\s+/gu) ?? []
  return pieces.length > 0 ? pieces : ['']
}

/** Splits a string into pieces of `size` code points. */
function pieces(text: string, size: number): string[] {
  const points = Array.from(text)
  const out: string[] = []
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(''))
  return out.length > 0 ? out : ['']
}

/** Groups words in twos: Gemini's stream chunks are larger than a token. */
function geminiPieces(text: string): string[] {
  const all = words(text)
  const out: string[] = []
  for (let i = 0; i < all.length; i += 2) out.push(all.slice(i, i + 2).join(''))
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Ids, vectors, small encodings
// ---------------------------------------------------------------------------------------------------------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const HEX = '0123456789abcdef'

/** Deterministic ids in each provider's format (mulberry32). */
class Ids {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  chars(length: number, alphabet = ALNUM): string {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }
  hex(length: number): string {
    return this.chars(length, HEX)
  }
  uuid(): string {
    const h = this.hex(32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`
  }
  /** A signature-like opaque base64 blob. */
  signature(bytes = 96): string {
    const out = Buffer.alloc(bytes)
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(this.next() * 256)
    return out.toString('base64')
  }
}

/** A unit vector determined by the text (FNV-1a seeds the generator), at float32 precision. */
function vector(text: string, dimensions: number): number[] {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  const rng = new Ids(hash)
  const raw = Array.from({ length: dimensions }, () => rng.next() * 2 - 1)
  const norm = Math.hypot(...raw) || 1
  return raw.map((v) => Number(Math.fround(v / norm).toPrecision(8)))
}

/** Little-endian float32 bytes, base64: OpenAI's `encoding_format: "base64"` and Cohere's `base64` type. */
function float32Base64(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64')
}

const now = () => Math.floor(Date.now() / 1000)

/** Go's encoding/json escapes <, > and & (Ollama is written in Go). */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Keys sorted at every level: how Azure OpenAI and Bedrock serialize their JSON. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    )
  return value
}

/** Google's single-line JSON in SSE frames: `": "` after keys, no space after commas. */
function googleLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(googleLine).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${googleLine(v)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** Google's whole-body JSON: two-space indented. */
const googlePretty = (value: unknown) => JSON.stringify(value, null, 2)

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input]
  if (Array.isArray(input))
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
  return []
}

// ---------------------------------------------------------------------------------------------------------
// OpenAI: chat completions, Responses, embeddings
// ---------------------------------------------------------------------------------------------------------

function openaiHeaders(ctx: Ctx, contentType: string): Headers {
  const { ids } = ctx
  const expires = new Date(Date.now() + 30 * 60_000)
    .toUTCString()
    .replace(/ (\d\d) (\w+) (\d\d)(\d\d) /, ' $1-$2-$4 ')
  return {
    'content-type': contentType,
    'access-control-expose-headers': 'X-Request-ID',
    'openai-organization': 'user-fakeorg',
    'openai-processing-ms': String(150 + Math.floor(ids.next() * 400)),
    'openai-project': `proj_${ids.chars(24)}`,
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-remaining-tokens': '29999990',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '0s',
    'x-request-id': `req_${ids.hex(32)}`,
    'x-envoy-upstream-service-time': String(100 + Math.floor(ids.next() * 400)),
    'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
    'cf-cache-status': 'DYNAMIC',
    // Cloudflare's cookies, on every api.openai.com answer: a recorder must never keep them.
    'set-cookie': [
      `__cf_bm=${ids.chars(43)}-${now()}-1.0.1.1-${ids.chars(90)}; path=/; expires=${expires}; domain=.api.openai.com; HttpOnly; Secure; SameSite=None`,
      `_cfuvid=${ids.chars(43)}-${Date.now()}-0.0.1.1-604800000; path=/; domain=.api.openai.com; HttpOnly; Secure; SameSite=None`,
    ],
    'x-content-type-options': 'nosniff',
    server: 'cloudflare',
    'cf-ray': `${ids.hex(16)}-CDG`,
    'alt-svc': 'h3=":443"; ma=86400',
  }
}

function openaiError(ctx: Ctx, error: FakeError, headers: Headers): void {
  const defaults: Record<number, { type: string; code: string | null; message: string }> = {
    400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
    401: {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message:
        'Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.',
    },
    403: {
      type: 'invalid_request_error',
      code: 'unsupported_country_region_territory',
      message: 'Country, region, or territory not supported',
    },
    404: {
      type: 'invalid_request_error',
      code: 'model_not_found',
      message: 'The model `missing` does not exist or you do not have access to it.',
    },
    429: {
      type: 'tokens',
      code: 'rate_limit_exceeded',
      message:
        'Rate limit reached for gpt-4o in organization org-fake on tokens per min (TPM): Limit 30000, Used 30000, Requested 100. Please try again in 200ms.',
    },
    500: {
      type: 'server_error',
      code: null,
      message: 'The server had an error while processing your request. Sorry about that!',
    },
  }
  const base = defaults[error.status] ?? defaults[error.status >= 500 ? 500 : 400]!
  const body = {
    error: {
      message: error.message ?? base.message,
      type: error.type ?? base.type,
      param: null,
      code: error.code ?? base.code,
    },
  }
  sendJson(ctx.res, error.status, headers, JSON.stringify(body, null, 2))
}

function openaiUsage(answer: Answer) {
  const completion = answer.outputTokens + answer.reasoningTokens
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: completion,
    total_tokens: answer.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: answer.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

interface ChatShape {
  id: string
  created: number
  model: string
  callId: string
  answer: Answer
  finish: string
}

function chatShape(ctx: Ctx, idPrefix: string, model: string): ChatShape {
  const answer = decide(roleToolConversation(ctx.body), ctx.script, ctx.body.messages)
  return {
    id: `${idPrefix}${ctx.ids.chars(29)}`,
    created: now(),
    model,
    callId: `call_${ctx.ids.chars(24)}`,
    answer,
    finish: answer.tool ? 'tool_calls' : 'stop',
  }
}

function chatMessage(shape: ChatShape) {
  const { answer } = shape
  return {
    role: 'assistant',
    content: answer.tool ? null : (answer.text ?? ''),
    ...(answer.tool && {
      tool_calls: [
        {
          id: shape.callId,
          type: 'function',
          function: { name: answer.tool.name, arguments: JSON.stringify(answer.tool.arguments) },
        },
      ],
    }),
    refusal: null,
    annotations: [],
  }
}

/** The deltas of an OpenAI-compatible chat stream, before the finishing chunk. */
function chatDeltas(shape: ChatShape): Array<Record<string, unknown>> {
  const { answer } = shape
  if (answer.tool) {
    const args = JSON.stringify(answer.tool.arguments)
    return [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: shape.callId,
            type: 'function',
            function: { name: answer.tool.name, arguments: '' },
          },
        ],
        refusal: null,
      },
      ...pieces(args, 6).map((part) => ({ tool_calls: [{ index: 0, function: { arguments: part } }] })),
    ]
  }
  return [
    { role: 'assistant', content: '', refusal: null },
    ...words(answer.text ?? '').map((w) => ({ content: w })),
  ]
}

async function openaiChat(ctx: Ctx): Promise<void> {
  const { body, ids } = ctx
  const stream = body.stream === true
  const headers = openaiHeaders(ctx, stream ? 'text/event-stream; charset=utf-8' : 'application/json')
  if (ctx.script.error) return openaiError(ctx, ctx.script.error, headers)
  const shape = chatShape(ctx, 'chatcmpl-', String(body.model ?? 'gpt-4o'))
  const fingerprint = `fp_${ids.hex(10)}`
  if (!stream) {
    const completion = {
      id: shape.id,
      object: 'chat.completion',
      created: shape.created,
      model: shape.model,
      choices: [{ index: 0, message: chatMessage(shape), logprobs: null, finish_reason: shape.finish }],
      usage: openaiUsage(shape.answer),
      service_tier: 'default',
      system_fingerprint: fingerprint,
    }
    return sendJson(ctx.res, 200, headers, JSON.stringify(completion, null, 2))
  }
  const includeUsage = body.stream_options?.include_usage === true
  const obfuscate = body.stream_options?.include_obfuscation !== false
  const chunk = (choices: unknown[], usage?: unknown) => ({
    id: shape.id,
    object: 'chat.completion.chunk',
    created: shape.created,
    model: shape.model,
    service_tier: 'default',
    system_fingerprint: fingerprint,
    choices,
    ...(includeUsage && { usage: usage ?? null }),
    ...(obfuscate && { obfuscation: ids.chars(1 + Math.floor(ids.next() * 10)) }),
  })
  const frames = chatDeltas(shape).map((delta) =>
    dataFrame(chunk([{ index: 0, delta, logprobs: null, finish_reason: null }])),
  )
  frames.push(dataFrame(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: shape.finish }])))
  if (includeUsage) frames.push(dataFrame(chunk([], openaiUsage(shape.answer))))
  frames.push('data: [DONE]\n\n')
  return sendStream(ctx, headers, frames)
}

async function openaiResponses(ctx: Ctx): Promise<void> {
  const { body, ids } = ctx
  const stream = body.stream === true
  const headers = openaiHeaders(ctx, stream ? 'text/event-stream; charset=utf-8' : 'application/json')
  if (ctx.script.error) return openaiError(ctx, ctx.script.error, headers)
  const answer = decide(responsesConversation(body), ctx.script, body.input)
  const include = list(body.include)
  const id = `resp_${ids.hex(50)}`
  const createdAt = now()
  const reasoningItem = answer.reasoning
    ? {
        id: `rs_${ids.hex(50)}`,
        type: 'reasoning',
        ...(include.includes('reasoning.encrypted_content') && {
          encrypted_content: `gAAAAA${ids.signature(120)}`,
        }),
        summary: [{ type: 'summary_text', text: answer.reasoning }],
      }
    : undefined
  const messageItem =
    answer.text !== undefined
      ? {
          id: `msg_${ids.hex(50)}`,
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: answer.text }],
          role: 'assistant',
        }
      : undefined
  const callItem = answer.tool
    ? {
        id: `fc_${ids.hex(50)}`,
        type: 'function_call',
        status: 'completed',
        arguments: JSON.stringify(answer.tool.arguments),
        call_id: `call_${ids.chars(24)}`,
        name: answer.tool.name,
      }
    : undefined
  const output = [reasoningItem, messageItem, callItem].filter((item) => item !== undefined)
  const usage = {
    input_tokens: answer.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: answer.outputTokens + answer.reasoningTokens,
    output_tokens_details: { reasoning_tokens: answer.reasoningTokens },
    total_tokens: answer.inputTokens + answer.outputTokens + answer.reasoningTokens,
  }
  const tools = list(body.tools).map((t) =>
    t?.type === 'function'
      ? {
          type: 'function',
          description: t.description ?? null,
          name: t.name,
          parameters: t.parameters ?? null,
          strict: t.strict ?? true,
        }
      : t,
  )
  const response = (status: string, out: unknown[], use: unknown, completedAt: number | null) => ({
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    billing: { payer: 'developer' },
    completed_at: completedAt,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: String(body.model ?? 'gpt-4.1'),
    output: out,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_retention: null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1.0,
    text: { format: body.text?.format ?? { type: 'text' }, verbosity: body.text?.verbosity ?? 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools,
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1.0,
    truncation: body.truncation ?? 'disabled',
    usage: use,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  })
  if (!stream)
    return sendJson(
      ctx.res,
      200,
      headers,
      JSON.stringify(response('completed', output, usage, now()), null, 2),
    )

  const obfuscate = body.stream_options?.include_obfuscation !== false
  const obfuscation = () => (obfuscate ? { obfuscation: ids.chars(1 + Math.floor(ids.next() * 12)) } : {})
  const frames: string[] = []
  let sequence = 0
  const emit = (type: string, fields: Record<string, unknown>) =>
    frames.push(eventFrame(type, { type, sequence_number: sequence++, ...fields }))
  emit('response.created', { response: response('in_progress', [], null, null) })
  emit('response.in_progress', { response: response('in_progress', [], null, null) })
  output.forEach((item, output_index) => {
    const item_id = item.id
    if (item.type === 'reasoning') {
      const text = (item as typeof reasoningItem)!.summary[0]!.text
      const { summary: _summary, ...opening } = item as NonNullable<typeof reasoningItem>
      emit('response.output_item.added', { output_index, item: { ...opening, summary: [] } })
      const part = { type: 'summary_text', text: '' }
      emit('response.reasoning_summary_part.added', { item_id, output_index, summary_index: 0, part })
      for (const delta of words(text))
        emit('response.reasoning_summary_text.delta', {
          item_id,
          output_index,
          summary_index: 0,
          delta,
          ...obfuscation(),
        })
      emit('response.reasoning_summary_text.done', { item_id, output_index, summary_index: 0, text })
      emit('response.reasoning_summary_part.done', {
        item_id,
        output_index,
        summary_index: 0,
        part: { ...part, text },
      })
    } else if (item.type === 'message') {
      const text = answer.text ?? ''
      emit('response.output_item.added', {
        output_index,
        item: { id: item_id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      })
      const part = { type: 'output_text', annotations: [], logprobs: [], text: '' }
      emit('response.content_part.added', { item_id, output_index, content_index: 0, part })
      for (const delta of words(text))
        emit('response.output_text.delta', {
          item_id,
          output_index,
          content_index: 0,
          delta,
          logprobs: [],
          ...obfuscation(),
        })
      emit('response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] })
      emit('response.content_part.done', { item_id, output_index, content_index: 0, part: { ...part, text } })
    } else {
      const call = item as NonNullable<typeof callItem>
      emit('response.output_item.added', {
        output_index,
        item: { ...call, status: 'in_progress', arguments: '' },
      })
      for (const delta of pieces(call.arguments, 6))
        emit('response.function_call_arguments.delta', { item_id, output_index, delta, ...obfuscation() })
      emit('response.function_call_arguments.done', { item_id, output_index, arguments: call.arguments })
    }
    emit('response.output_item.done', { output_index, item })
  })
  emit('response.completed', { response: response('completed', output, usage, now()) })
  return sendStream(ctx, headers, frames)
}

async function openaiEmbeddings(ctx: Ctx, flavor: 'openai' | 'azure'): Promise<void> {
  const { body } = ctx
  const headers =
    flavor === 'openai' ? openaiHeaders(ctx, 'application/json') : azureHeaders(ctx, 'application/json')
  if (ctx.script.error)
    return flavor === 'openai'
      ? openaiError(ctx, ctx.script.error, headers)
      : azureError(ctx, ctx.script.error, headers)
  if (flavor === 'azure' && !ctx.request.query['api-version']) return azureMissingVersion(ctx, headers)
  const inputs = embeddingInputs(body.input)
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : (ctx.script.dimensions ?? 8)
  const base64 = body.encoding_format === 'base64'
  const promptTokens = inputs.reduce((sum, text) => sum + tokens(text), 0)
  const response = {
    object: 'list',
    data: inputs.map((text, index) => {
      const values = vector(text, dimensions)
      return { object: 'embedding', index, embedding: base64 ? float32Base64(values) : values }
    }),
    model: String(body.model ?? (flavor === 'azure' ? ctx.params[0] : 'text-embedding-3-small')),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  }
  sendJson(
    ctx.res,
    200,
    headers,
    flavor === 'openai' ? JSON.stringify(response, null, 2) : JSON.stringify(response),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Azure OpenAI: OpenAI's answer plus content filter results, keys sorted, no obfuscation
// ---------------------------------------------------------------------------------------------------------

function azureHeaders(ctx: Ctx, contentType: string): Headers {
  const { ids } = ctx
  const requestId = ids.uuid()
  return {
    'content-type': contentType,
    'apim-request-id': requestId,
    'x-request-id': requestId,
    'x-ms-region': 'Sweden Central',
    'x-ms-rai-invoked': 'true',
    'x-ms-deployment-name': ctx.params[0] ?? '',
    'azureml-model-session': `d${ids.chars(3, '0123456789')}-${ids.chars(14, '0123456789')}`,
    'x-ratelimit-limit-requests': '1000',
    'x-ratelimit-limit-tokens': '1000000',
    'x-ratelimit-remaining-requests': '999',
    'x-ratelimit-remaining-tokens': '999900',
    'x-content-type-options': 'nosniff',
    'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  }
}

function azureError(ctx: Ctx, error: FakeError, headers: Headers): void {
  const message =
    error.message ??
    (error.status === 429
      ? 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.'
      : 'The request failed.')
  const body = { error: { code: error.code ?? String(error.status), message } }
  sendJson(
    ctx.res,
    error.status,
    error.status === 429 ? { ...headers, 'retry-after': '1' } : headers,
    JSON.stringify(body),
  )
}

/** Azure answers a request without `api-version` with 404 before reaching the deployment. */
function azureMissingVersion(ctx: Ctx, headers: Headers): void {
  sendJson(ctx.res, 404, headers, JSON.stringify({ error: { code: '404', message: 'Resource not found' } }))
}

const SAFE = { filtered: false, severity: 'safe' }
const contentFilter = () => ({ hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE })
const promptFilter = () => [
  {
    prompt_index: 0,
    content_filter_results: { ...contentFilter(), jailbreak: { filtered: false, detected: false } },
  },
]

async function azureChat(ctx: Ctx): Promise<void> {
  const { body, ids } = ctx
  const stream = body.stream === true
  const headers = azureHeaders(ctx, stream ? 'text/event-stream; charset=utf-8' : 'application/json')
  if (ctx.script.error) return azureError(ctx, ctx.script.error, headers)
  if (!ctx.request.query['api-version']) return azureMissingVersion(ctx, headers)
  const shape = chatShape(ctx, 'chatcmpl-', String(body.model ?? 'gpt-4o-2024-11-20'))
  const fingerprint = `fp_${ids.hex(10)}`
  if (!stream) {
    const completion = {
      choices: [
        {
          content_filter_results: shape.answer.tool ? {} : contentFilter(),
          finish_reason: shape.finish,
          index: 0,
          logprobs: null,
          message: chatMessage(shape),
        },
      ],
      created: shape.created,
      id: shape.id,
      model: shape.model,
      object: 'chat.completion',
      prompt_filter_results: promptFilter(),
      system_fingerprint: fingerprint,
      usage: openaiUsage(shape.answer),
    }
    return sendJson(ctx.res, 200, headers, JSON.stringify(sorted(completion)))
  }
  const includeUsage = body.stream_options?.include_usage === true
  const chunk = (choices: unknown[], usage?: unknown) =>
    sorted({
      choices,
      created: shape.created,
      id: shape.id,
      model: shape.model,
      object: 'chat.completion.chunk',
      system_fingerprint: fingerprint,
      ...(includeUsage && { usage: usage ?? null }),
    })
  // Azure's first chunk carries only the prompt's filter results, with empty ids.
  const frames = [
    dataFrame({
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: promptFilter(),
    }),
  ]
  chatDeltas(shape).forEach((delta, i) =>
    frames.push(
      dataFrame(
        chunk([
          {
            content_filter_results: i === 0 || shape.answer.tool ? {} : contentFilter(),
            delta,
            finish_reason: null,
            index: 0,
            logprobs: null,
          },
        ]),
      ),
    ),
  )
  frames.push(
    dataFrame(
      chunk([
        { content_filter_results: {}, delta: {}, finish_reason: shape.finish, index: 0, logprobs: null },
      ]),
    ),
  )
  if (includeUsage) frames.push(dataFrame(chunk([], openaiUsage(shape.answer))))
  frames.push('data: [DONE]\n\n')
  return sendStream(ctx, headers, frames)
}

// ---------------------------------------------------------------------------------------------------------
// OpenRouter: OpenAI's chat plus provider, native_finish_reason, reasoning and usage.cost
// ---------------------------------------------------------------------------------------------------------

function openrouterProvider(model: string): { name: string; native: (tool: boolean) => string } {
  if (model.startsWith('anthropic/'))
    return { name: 'Anthropic', native: (tool) => (tool ? 'tool_use' : 'end_turn') }
  if (model.startsWith('google/')) return { name: 'Google', native: () => 'STOP' }
  return { name: 'OpenAI', native: (tool) => (tool ? 'tool_calls' : 'stop') }
}

function openrouterUsage(answer: Answer) {
  const completion = answer.outputTokens + answer.reasoningTokens
  const promptCost = answer.inputTokens * 0.0000025
  const completionCost = completion * 0.00001
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: completion,
    total_tokens: answer.inputTokens + completion,
    cost: Number((promptCost + completionCost).toFixed(9)),
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: Number(promptCost.toFixed(9)),
      upstream_inference_completions_cost: Number(completionCost.toFixed(9)),
    },
    completion_tokens_details: { reasoning_tokens: answer.reasoningTokens, image_tokens: 0 },
  }
}

function openrouterHeaders(ctx: Ctx, contentType: string): Headers {
  return {
    'content-type': contentType,
    'access-control-allow-origin': '*',
    vary: 'Accept-Encoding',
    server: 'cloudflare',
    'cf-ray': `${ctx.ids.hex(16)}-CDG`,
  }
}

async function openrouterChat(ctx: Ctx): Promise<void> {
  const { body, ids } = ctx
  const stream = body.stream === true
  const headers = openrouterHeaders(ctx, stream ? 'text/event-stream' : 'application/json')
  if (ctx.script.error) {
    const error = ctx.script.error
    const payload = {
      error: {
        message:
          error.message ??
          (error.status === 429 ? 'Rate limit exceeded: free-models-per-min.' : 'Provider returned error'),
        code: error.status,
        metadata: { provider_name: null },
      },
      user_id: `user_${ids.chars(27)}`,
    }
    return sendJson(ctx.res, error.status, headers, JSON.stringify(payload))
  }
  const model = String(body.model ?? 'openai/gpt-4o')
  const shape = chatShape(ctx, '', model)
  shape.id = `gen-${now()}-${ids.chars(20)}`
  const provider = openrouterProvider(model)
  const native = provider.native(Boolean(shape.answer.tool))
  const reasoning = shape.answer.reasoning
  const signature = reasoning ? ids.signature() : undefined
  const details = reasoning
    ? [{ type: 'reasoning.text', text: reasoning, signature, format: 'anthropic-claude-v1', index: 0 }]
    : []
  const fingerprint = `fp_${ids.hex(10)}`
  if (!stream) {
    const { annotations: _annotations, ...message } = chatMessage(shape)
    const completion = {
      id: shape.id,
      provider: provider.name,
      model,
      object: 'chat.completion',
      created: shape.created,
      choices: [
        {
          logprobs: null,
          finish_reason: shape.finish,
          native_finish_reason: native,
          index: 0,
          message: {
            ...message,
            reasoning: reasoning ?? null,
            ...(reasoning && { reasoning_details: details }),
          },
        },
      ],
      system_fingerprint: fingerprint,
      usage: openrouterUsage(shape.answer),
    }
    // OpenRouter holds the connection open with whitespace while the provider works; JSON parsers skip it.
    return sendStream(ctx, headers, ['\n', JSON.stringify(completion)])
  }
  const chunk = (choices: unknown[], usage?: unknown) => ({
    id: shape.id,
    provider: provider.name,
    model,
    object: 'chat.completion.chunk',
    created: shape.created,
    choices,
    system_fingerprint: fingerprint,
    ...(usage !== undefined && { usage }),
  })
  const choice = (delta: unknown, finish: string | null) => ({
    index: 0,
    delta,
    finish_reason: finish,
    native_finish_reason: finish === null ? null : native,
    logprobs: null,
  })
  const frames = [': OPENROUTER PROCESSING\n\n']
  if (reasoning) {
    words(reasoning).forEach((piece) =>
      frames.push(
        dataFrame(
          chunk([
            choice(
              {
                role: 'assistant',
                content: '',
                reasoning: piece,
                reasoning_details: [
                  { type: 'reasoning.text', text: piece, format: 'anthropic-claude-v1', index: 0 },
                ],
              },
              null,
            ),
          ]),
        ),
      ),
    )
    frames.push(
      dataFrame(
        chunk([
          choice(
            {
              role: 'assistant',
              content: '',
              reasoning: null,
              reasoning_details: [
                { type: 'reasoning.text', signature, format: 'anthropic-claude-v1', index: 0 },
              ],
            },
            null,
          ),
        ]),
      ),
    )
  }
  for (const delta of chatDeltas(shape)) {
    const { refusal: _refusal, ...rest } = delta
    frames.push(dataFrame(chunk([choice({ role: 'assistant', ...rest }, null)])))
  }
  frames.push(dataFrame(chunk([choice({ role: 'assistant', content: '' }, shape.finish)])))
  frames.push(dataFrame(chunk([], openrouterUsage(shape.answer))))
  frames.push('data: [DONE]\n\n')
  return sendStream(ctx, headers, frames)
}

// ---------------------------------------------------------------------------------------------------------
// Anthropic Messages (and the same body on Vertex's rawPredict and Bedrock's invoke)
// ---------------------------------------------------------------------------------------------------------

type AnthropicHost = 'anthropic' | 'vertex' | 'bedrock'

function anthropicHeaders(ctx: Ctx, contentType: string): Headers {
  const { ids } = ctx
  const reset = new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    'content-type': contentType,
    'request-id': `req_011C${ids.chars(20, BASE58)}`,
    'anthropic-organization-id': ids.uuid(),
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '2000000',
    'anthropic-ratelimit-input-tokens-remaining': '2000000',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '400000',
    'anthropic-ratelimit-output-tokens-remaining': '400000',
    'anthropic-ratelimit-output-tokens-reset': reset,
    'anthropic-ratelimit-tokens-limit': '2400000',
    'anthropic-ratelimit-tokens-remaining': '2400000',
    'anthropic-ratelimit-tokens-reset': reset,
    'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
    'x-robots-tag': 'none',
    via: '1.1 google',
    'cf-cache-status': 'DYNAMIC',
    'x-envoy-upstream-service-time': String(300 + Math.floor(ids.next() * 700)),
    server: 'cloudflare',
    'cf-ray': `${ids.hex(16)}-CDG`,
  }
}

function vertexHeaders(ctx: Ctx, contentType: string): Headers {
  return {
    'content-type': contentType,
    vary: 'Origin, X-Origin, Referer',
    'x-vertex-ai-llm-request-type': 'shared',
    'server-timing': `gfet4t7; dur=${200 + Math.floor(ctx.ids.next() * 600)}`,
    server: 'scaffolding on HTTPServer2',
    'x-xss-protection': '0',
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'alt-svc': 'h3=":443"; ma=2592000,h3-29=":443"; ma=2592000',
  }
}

const ANTHROPIC_ERRORS: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
}

function anthropicErrorBody(error: FakeError, requestId: string | undefined) {
  const [type, message] = ANTHROPIC_ERRORS[error.status] ?? ANTHROPIC_ERRORS[error.status >= 500 ? 500 : 400]!
  return {
    type: 'error',
    error: { type: error.type ?? type, message: error.message ?? message },
    ...(requestId !== undefined && { request_id: requestId }),
  }
}

interface AnthropicParts {
  id: string
  model: string
  answer: Answer
  toolId: string
  signature: string
  stop: string
}

function anthropicParts(ctx: Ctx, host: AnthropicHost, model: string): AnthropicParts {
  const prefix = host === 'vertex' ? 'vrtx_' : host === 'bedrock' ? 'bdrk_' : ''
  const answer = decide(anthropicConversation(ctx.body), ctx.script, ctx.body.messages)
  return {
    id: `msg_${prefix}01${ctx.ids.chars(22, BASE58)}`,
    model,
    answer,
    toolId: `toolu_${prefix}01${ctx.ids.chars(22, BASE58)}`,
    signature: ctx.ids.signature(),
    stop: answer.tool ? 'tool_use' : 'end_turn',
  }
}

function anthropicUsage(answer: Answer, output: number) {
  return {
    input_tokens: answer.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    service_tier: 'standard',
  }
}

function anthropicMessage(parts: AnthropicParts) {
  const { answer } = parts
  const content: unknown[] = []
  if (answer.reasoning)
    content.push({ type: 'thinking', thinking: answer.reasoning, signature: parts.signature })
  if (answer.text !== undefined) content.push({ type: 'text', text: answer.text })
  if (answer.tool)
    content.push({ type: 'tool_use', id: parts.toolId, name: answer.tool.name, input: answer.tool.arguments })
  return {
    model: parts.model,
    id: parts.id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: parts.stop,
    stop_sequence: null,
    usage: anthropicUsage(answer, answer.outputTokens + answer.reasoningTokens),
  }
}

/** Anthropic's stream events, in order, as `[event name, data]`. `ping` data is written as Anthropic does. */
function anthropicEvents(parts: AnthropicParts, withPing: boolean): Array<[string, Record<string, unknown>]> {
  const { answer } = parts
  const events: Array<[string, Record<string, unknown>]> = []
  events.push([
    'message_start',
    {
      type: 'message_start',
      message: {
        model: parts.model,
        id: parts.id,
        type: 'message',
        role: 'assistant',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: anthropicUsage(answer, 1),
      },
    },
  ])
  let index = 0
  const block = (start: Record<string, unknown>, deltas: Array<Record<string, unknown>>) => {
    events.push(['content_block_start', { type: 'content_block_start', index, content_block: start }])
    if (index === 0 && withPing) events.push(['ping', { type: 'ping' }])
    for (const delta of deltas)
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta }])
    events.push(['content_block_stop', { type: 'content_block_stop', index }])
    index++
  }
  if (answer.reasoning)
    block({ type: 'thinking', thinking: '', signature: '' }, [
      ...words(answer.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: parts.signature },
    ])
  if (answer.text !== undefined)
    block(
      { type: 'text', text: '' },
      words(answer.text).map((text) => ({ type: 'text_delta', text })),
    )
  if (answer.tool)
    block({ type: 'tool_use', id: parts.toolId, name: answer.tool.name, input: {} }, [
      { type: 'input_json_delta', partial_json: '' },
      ...pieces(JSON.stringify(answer.tool.arguments), 6).map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      })),
    ])
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: parts.stop, stop_sequence: null },
      usage: {
        input_tokens: answer.inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: answer.outputTokens + answer.reasoningTokens,
      },
    },
  ])
  events.push(['message_stop', { type: 'message_stop' }])
  return events
}

/** Anthropic's SSE frame; its ping is written `{"type": "ping"}`, with a space, as Anthropic's servers do. */
function anthropicFrame([event, data]: [string, Record<string, unknown>]): string {
  return event === 'ping' ? 'event: ping\ndata: {"type": "ping"}\n\n' : eventFrame(event, data)
}

async function anthropicMessages(ctx: Ctx, host: 'anthropic' | 'vertex'): Promise<void> {
  const { body } = ctx
  const stream = body.stream === true || ctx.request.route === 'vertex-anthropic.streamRawPredict'
  const contentType = stream ? 'text/event-stream; charset=utf-8' : 'application/json'
  const headers = host === 'anthropic' ? anthropicHeaders(ctx, contentType) : vertexHeaders(ctx, contentType)
  if (ctx.script.error) {
    const requestId = typeof headers['request-id'] === 'string' ? headers['request-id'] : undefined
    const errorHeaders = { ...headers, 'content-type': 'application/json' }
    return sendJson(
      ctx.res,
      ctx.script.error.status,
      errorHeaders,
      JSON.stringify(anthropicErrorBody(ctx.script.error, requestId)),
    )
  }
  const model = host === 'vertex' ? (ctx.params[1] ?? '') : String(body.model ?? 'claude-sonnet-4-5')
  const parts = anthropicParts(ctx, host, model)
  if (!stream) return sendJson(ctx.res, 200, headers, JSON.stringify(anthropicMessage(parts)))
  return sendStream(
    ctx,
    { ...headers, 'cache-control': 'no-cache' },
    anthropicEvents(parts, true).map(anthropicFrame),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Gemini API and Vertex AI Gemini
// ---------------------------------------------------------------------------------------------------------

function googleHeaders(ctx: Ctx, contentType: string): Headers {
  return {
    'content-type': contentType,
    vary: 'Origin, X-Origin, Referer',
    'server-timing': `gfet4t7; dur=${200 + Math.floor(ctx.ids.next() * 600)}`,
    server: 'scaffolding on HTTPServer2',
    'x-xss-protection': '0',
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'alt-svc': 'h3=":443"; ma=2592000,h3-29=":443"; ma=2592000',
  }
}

const GOOGLE_STATUS: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'models/missing is not found for API version v1beta.'],
  429: ['RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.'],
  500: [
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'],
}

function googleError(ctx: Ctx, error: FakeError): void {
  const [status, message] = GOOGLE_STATUS[error.status] ?? GOOGLE_STATUS[error.status >= 500 ? 500 : 400]!
  const body = {
    error: { code: error.status, message: error.message ?? message, status: error.type ?? status },
  }
  sendJson(ctx.res, error.status, googleHeaders(ctx, 'application/json; charset=UTF-8'), googlePretty(body))
}

async function geminiGenerate(ctx: Ctx, host: 'gemini' | 'vertex', stream: boolean): Promise<void> {
  if (ctx.script.error) return googleError(ctx, ctx.script.error)
  const { body, ids } = ctx
  const model = ctx.params[1] ?? ''
  const answer = decide(geminiConversation(body), ctx.script, body.contents)
  const responseId = ids.chars(23, ALNUM + '-_')
  const createTime = new Date().toISOString().replace(/Z$/, '000Z')
  const signature = answer.reasoning ? ids.signature() : undefined
  const promptDetails = [{ modality: 'TEXT', tokenCount: answer.inputTokens }]
  const fullUsage = {
    promptTokenCount: answer.inputTokens,
    candidatesTokenCount: answer.outputTokens,
    totalTokenCount: answer.inputTokens + answer.outputTokens + answer.reasoningTokens,
    ...(host === 'vertex' && { trafficType: 'ON_DEMAND' }),
    promptTokensDetails: promptDetails,
    ...(host === 'vertex' && {
      candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: answer.outputTokens }],
    }),
    ...(answer.reasoning && { thoughtsTokenCount: answer.reasoningTokens }),
  }
  const envelope = (candidate: Record<string, unknown>, usage: unknown) => ({
    candidates: [candidate],
    usageMetadata: usage,
    modelVersion: model,
    ...(host === 'vertex' && { createTime }),
    responseId,
  })
  const thoughtPart = answer.reasoning ? { text: answer.reasoning, thought: true } : undefined
  const callPart = answer.tool
    ? {
        functionCall: { name: answer.tool.name, args: answer.tool.arguments },
        ...(signature && { thoughtSignature: signature }),
      }
    : undefined

  if (!stream) {
    const parts: unknown[] = []
    if (thoughtPart) parts.push(thoughtPart)
    if (callPart) parts.push(callPart)
    else parts.push({ text: answer.text ?? '', ...(signature && { thoughtSignature: signature }) })
    const candidate = { content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }
    if (host === 'vertex') Object.assign(candidate, { avgLogprobs: -0.0123456789 })
    return sendJson(
      ctx.res,
      200,
      googleHeaders(ctx, 'application/json; charset=UTF-8'),
      googlePretty(envelope(candidate, fullUsage)),
    )
  }

  const runningUsage = {
    promptTokenCount: answer.inputTokens,
    totalTokenCount: answer.inputTokens,
    ...(host === 'vertex' && { trafficType: 'ON_DEMAND' }),
    promptTokensDetails: promptDetails,
  }
  const chunks: Array<Record<string, unknown>> = []
  const content = (parts: unknown[]) => ({ parts, role: 'model' })
  if (thoughtPart)
    chunks.push(
      envelope(
        { content: content([thoughtPart]), index: 0 },
        { ...runningUsage, thoughtsTokenCount: answer.reasoningTokens },
      ),
    )
  if (callPart)
    chunks.push(envelope({ content: content([callPart]), finishReason: 'STOP', index: 0 }, fullUsage))
  else {
    const texts = geminiPieces(answer.text ?? '')
    texts.forEach((text, i) => {
      const part = { text, ...(i === 0 && signature && { thoughtSignature: signature }) }
      const last = i === texts.length - 1
      chunks.push(
        envelope(
          { content: content([part]), ...(last && { finishReason: 'STOP' }), index: 0 },
          last ? fullUsage : runningUsage,
        ),
      )
    })
  }
  if (ctx.request.query.alt === 'sse')
    return sendStream(
      ctx,
      { ...googleHeaders(ctx, 'text/event-stream'), 'content-disposition': 'attachment' },
      chunks.map((chunk) => `data: ${googleLine(chunk)}\r\n\r\n`),
    )
  // Without alt=sse the stream is one JSON array, written an element at a time.
  const frames = chunks.map((chunk, i) => `${i === 0 ? '[' : ',\r\n'}${googlePretty(chunk)}\n`)
  frames.push(']')
  return sendStream(ctx, googleHeaders(ctx, 'application/json; charset=UTF-8'), frames)
}

async function geminiEmbed(ctx: Ctx, batch: boolean): Promise<void> {
  if (ctx.script.error) return googleError(ctx, ctx.script.error)
  const { body } = ctx
  const dimensionsOf = (request: Record<string, any>) =>
    typeof request.outputDimensionality === 'number'
      ? request.outputDimensionality
      : (ctx.script.dimensions ?? 8)
  const embed = (request: Record<string, any>) => ({
    values: vector(textOf(request?.content?.parts), dimensionsOf(request ?? {})),
  })
  const response = batch ? { embeddings: list(body.requests).map(embed) } : { embedding: embed(body) }
  sendJson(ctx.res, 200, googleHeaders(ctx, 'application/json; charset=UTF-8'), googlePretty(response))
}

// ---------------------------------------------------------------------------------------------------------
// Bedrock: Converse / ConverseStream, InvokeModel / InvokeModelWithResponseStream (Anthropic bodies)
// ---------------------------------------------------------------------------------------------------------

const utf8Encoder = new TextEncoder()
const eventStream = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => utf8Encoder.encode(text),
)

/** One `application/vnd.amazon.eventstream` message, as AWS frames an event. */
function awsEvent(eventType: string, payload: unknown): Uint8Array {
  return eventStream.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: utf8Encoder.encode(JSON.stringify(payload)),
  })
}

/** AWS pads each event with `p`, a run of letters whose length varies, to hide the payload's size. */
function padding(ids: Ids): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(
    0,
    1 + Math.floor(ids.next() * 40),
  )
}

function bedrockHeaders(ctx: Ctx, contentType: string): Headers {
  return { 'content-type': contentType, 'x-amzn-requestid': ctx.ids.uuid() }
}

const BEDROCK_ERRORS: Record<number, [string, string]> = {
  400: ['ValidationException', 'The provided request is not valid'],
  403: ['AccessDeniedException', "You don't have access to the model with the specified model ID."],
  404: [
    'ResourceNotFoundException',
    'Could not resolve the foundation model from the provided model identifier.',
  ],
  408: ['ModelTimeoutException', 'Model has timed out in processing the request.'],
  424: ['ModelErrorException', 'The model returned an error.'],
  429: ['ThrottlingException', 'Too many requests, please wait before trying again.'],
  500: ['InternalServerException', 'The server encountered an internal error.'],
  503: ['ServiceUnavailableException', 'Bedrock is unable to process your request.'],
}

function bedrockError(ctx: Ctx, error: FakeError): void {
  const [type, message] = BEDROCK_ERRORS[error.status] ?? BEDROCK_ERRORS[error.status >= 500 ? 500 : 400]!
  const headers = {
    ...bedrockHeaders(ctx, 'application/json'),
    'x-amzn-errortype': `${error.type ?? type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  }
  sendJson(ctx.res, error.status, headers, JSON.stringify({ message: error.message ?? message }))
}

async function bedrockConverse(ctx: Ctx, stream: boolean): Promise<void> {
  if (ctx.script.error) return bedrockError(ctx, ctx.script.error)
  const { body, ids } = ctx
  const answer = decide(converseConversation(body), ctx.script, body.messages)
  const toolUseId = `tooluse_${ids.chars(22, ALNUM + '-_')}`
  const signature = answer.reasoning ? ids.signature() : undefined
  const stopReason = answer.tool ? 'tool_use' : 'end_turn'
  const output = answer.outputTokens + answer.reasoningTokens
  const usage = {
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    inputTokens: answer.inputTokens,
    outputTokens: output,
    totalTokens: answer.inputTokens + output,
  }
  const latencyMs = 300 + Math.floor(ids.next() * 700)
  if (!stream) {
    const content: unknown[] = []
    if (answer.reasoning)
      content.push({ reasoningContent: { reasoningText: { signature, text: answer.reasoning } } })
    if (answer.text !== undefined) content.push({ text: answer.text })
    if (answer.tool)
      content.push({ toolUse: { input: answer.tool.arguments, name: answer.tool.name, toolUseId } })
    const response = {
      metrics: { latencyMs },
      output: { message: { content, role: 'assistant' } },
      stopReason,
      usage,
    }
    return sendJson(ctx.res, 200, bedrockHeaders(ctx, 'application/json'), JSON.stringify(sorted(response)))
  }
  const frames: Uint8Array[] = [awsEvent('messageStart', { p: padding(ids), role: 'assistant' })]
  let index = 0
  const delta = (d: unknown) =>
    awsEvent('contentBlockDelta', { contentBlockIndex: index, delta: d, p: padding(ids) })
  const stop = () => awsEvent('contentBlockStop', { contentBlockIndex: index++, p: padding(ids) })
  if (answer.reasoning) {
    for (const text of words(answer.reasoning)) frames.push(delta({ reasoningContent: { text } }))
    frames.push(delta({ reasoningContent: { signature } }), stop())
  }
  if (answer.text !== undefined) {
    for (const text of words(answer.text)) frames.push(delta({ text }))
    frames.push(stop())
  }
  if (answer.tool) {
    frames.push(
      awsEvent('contentBlockStart', {
        contentBlockIndex: index,
        p: padding(ids),
        start: { toolUse: { name: answer.tool.name, toolUseId } },
      }),
    )
    for (const input of pieces(JSON.stringify(answer.tool.arguments), 6))
      frames.push(delta({ toolUse: { input } }))
    frames.push(stop())
  }
  frames.push(awsEvent('messageStop', { p: padding(ids), stopReason }))
  frames.push(awsEvent('metadata', { metrics: { latencyMs }, p: padding(ids), usage }))
  return sendStream(ctx, bedrockHeaders(ctx, 'application/vnd.amazon.eventstream'), frames)
}

async function bedrockInvoke(ctx: Ctx, stream: boolean): Promise<void> {
  if (ctx.script.error) return bedrockError(ctx, ctx.script.error)
  const modelId = ctx.params[0] ?? ''
  if (!modelId.includes('anthropic.'))
    return bedrockError(ctx, {
      status: 400,
      message: 'The fake upstream answers InvokeModel for Anthropic Claude model ids only.',
    })
  const { ids } = ctx
  const parts = anthropicParts(
    ctx,
    'bedrock',
    // `us.anthropic.claude-x-20250101-v1:0` (or an ARN ending in it) answers as model `claude-x-20250101`.
    modelId.replace(/^(?:.*\/)?(?:[a-z]{2,4}\.)?anthropic\./, '').replace(/-v\d+(?::\d+)?$/, ''),
  )
  const latency = 300 + Math.floor(ids.next() * 700)
  const output = parts.answer.outputTokens + parts.answer.reasoningTokens
  if (!stream) {
    return sendJson(
      ctx.res,
      200,
      {
        ...bedrockHeaders(ctx, 'application/json'),
        'x-amzn-bedrock-invocation-latency': String(latency),
        'x-amzn-bedrock-output-token-count': String(output),
        'x-amzn-bedrock-input-token-count': String(parts.answer.inputTokens),
      },
      JSON.stringify(anthropicMessage(parts)),
    )
  }
  const events = anthropicEvents(parts, false)
  const frames = events.map(([event, data]) => {
    const payload =
      event === 'message_stop'
        ? {
            ...data,
            'amazon-bedrock-invocationMetrics': {
              inputTokenCount: parts.answer.inputTokens,
              outputTokenCount: output,
              invocationLatency: latency,
              firstByteLatency: Math.floor(latency / 3),
            },
          }
        : data
    return awsEvent('chunk', {
      bytes: Buffer.from(JSON.stringify(payload)).toString('base64'),
      p: padding(ids),
    })
  })
  return sendStream(
    ctx,
    {
      ...bedrockHeaders(ctx, 'application/vnd.amazon.eventstream'),
      'x-amzn-bedrock-content-type': 'application/json',
    },
    frames,
  )
}

// ---------------------------------------------------------------------------------------------------------
// Cohere v2
// ---------------------------------------------------------------------------------------------------------

function cohereHeaders(ctx: Ctx, contentType: string): Headers {
  const { ids } = ctx
  return {
    'content-type': contentType,
    'cache-control': 'no-cache, no-store, no-transform, must-revalidate, private, max-age=0',
    vary: 'Origin',
    'x-accel-expires': '0',
    'x-debug-trace-id': ids.hex(32),
    'x-endpoint-monthly-call-limit': '1000',
    'x-trial-endpoint-call-limit': '20',
    'x-trial-endpoint-call-remaining': '19',
    'x-envoy-upstream-service-time': String(100 + Math.floor(ids.next() * 400)),
    server: 'envoy',
    via: '1.1 google',
  }
}

function cohereError(ctx: Ctx, error: FakeError): void {
  const messages: Record<number, string> = {
    400: 'invalid request: message must be at least 1 token long or tool results must be specified.',
    401: 'invalid api token',
    404: "model 'missing' not found, make sure the correct model ID was used and that you have access to the model.",
    429: 'You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at https://dashboard.cohere.com/api-keys.',
    500: 'internal server error, this has been reported to our developers.',
  }
  const body = { id: ctx.ids.uuid(), message: error.message ?? messages[error.status] ?? messages[500]! }
  sendJson(ctx.res, error.status, cohereHeaders(ctx, 'application/json'), JSON.stringify(body))
}

async function cohereChat(ctx: Ctx): Promise<void> {
  if (ctx.script.error) return cohereError(ctx, ctx.script.error)
  const { body, ids } = ctx
  const stream = body.stream === true
  const answer = decide(roleToolConversation(body), ctx.script, body.messages)
  const id = ids.uuid()
  const toolPlan = answer.tool ? `I will call ${answer.tool.name} to answer the question.` : undefined
  const toolCallId = answer.tool
    ? `${answer.tool.name}_${ids.chars(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`
    : ''
  const finish = answer.tool ? 'TOOL_CALL' : 'COMPLETE'
  const output = answer.outputTokens + answer.reasoningTokens
  const usage = {
    billed_units: { input_tokens: answer.inputTokens, output_tokens: output },
    tokens: { input_tokens: answer.inputTokens + 200, output_tokens: output + 2 },
    cached_tokens: 0,
  }
  const args = answer.tool ? JSON.stringify(answer.tool.arguments) : ''
  if (!stream) {
    const content: unknown[] = []
    if (answer.reasoning) content.push({ type: 'thinking', thinking: answer.reasoning })
    if (answer.text !== undefined) content.push({ type: 'text', text: answer.text })
    const message = {
      role: 'assistant',
      ...(toolPlan && { tool_plan: toolPlan }),
      ...(answer.tool && {
        tool_calls: [
          { id: toolCallId, type: 'function', function: { name: answer.tool.name, arguments: args } },
        ],
      }),
      ...(content.length > 0 && { content }),
    }
    const response = { id, message, finish_reason: finish, usage }
    return sendJson(
      ctx.res,
      200,
      { ...cohereHeaders(ctx, 'application/json'), num_tokens: String(output) },
      JSON.stringify(response),
    )
  }
  const frames: string[] = []
  const emit = (type: string, fields: Record<string, unknown>) =>
    frames.push(eventFrame(type, { type, ...fields }))
  frames.push(
    eventFrame('message-start', {
      id,
      type: 'message-start',
      delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
    }),
  )
  let index = 0
  if (answer.reasoning) {
    emit('content-start', { index, delta: { message: { content: { type: 'thinking', thinking: '' } } } })
    for (const thinking of words(answer.reasoning))
      emit('content-delta', { index, delta: { message: { content: { thinking } } } })
    emit('content-end', { index })
    index++
  }
  if (answer.text !== undefined) {
    emit('content-start', { index, delta: { message: { content: { type: 'text', text: '' } } } })
    for (const text of words(answer.text))
      emit('content-delta', { index, delta: { message: { content: { text } } } })
    emit('content-end', { index })
  }
  if (answer.tool) {
    for (const tool_plan of words(toolPlan!)) emit('tool-plan-delta', { delta: { message: { tool_plan } } })
    emit('tool-call-start', {
      index: 0,
      delta: {
        message: {
          tool_calls: {
            id: toolCallId,
            type: 'function',
            function: { name: answer.tool.name, arguments: '' },
          },
        },
      },
    })
    for (const part of pieces(args, 6))
      emit('tool-call-delta', {
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: part } } } },
      })
    emit('tool-call-end', { index: 0 })
  }
  emit('message-end', { delta: { finish_reason: finish, usage } })
  frames.push('data: [DONE]\n\n')
  return sendStream(ctx, cohereHeaders(ctx, 'text/event-stream'), frames)
}

async function cohereEmbed(ctx: Ctx): Promise<void> {
  if (ctx.script.error) return cohereError(ctx, ctx.script.error)
  const { body, ids } = ctx
  const texts = list(body.texts).map(String)
  const dimensions =
    typeof body.output_dimension === 'number' ? body.output_dimension : (ctx.script.dimensions ?? 8)
  const vectors = texts.map((text) => vector(text, dimensions))
  const types = list(body.embedding_types).length > 0 ? list(body.embedding_types).map(String) : ['float']
  const bits = (v: number[], signed: boolean) => {
    const out: number[] = []
    for (let i = 0; i < v.length; i += 8) {
      let byte = 0
      for (let j = 0; j < 8; j++) byte = (byte << 1) | ((v[i + j] ?? -1) > 0 ? 1 : 0)
      out.push(signed ? byte - 128 : byte)
    }
    return out
  }
  const encoders: Record<string, (v: number[]) => unknown> = {
    float: (v) => v,
    int8: (v) => v.map((x) => Math.max(-128, Math.min(127, Math.round(x * 127)))),
    uint8: (v) => v.map((x) => Math.max(0, Math.min(255, Math.round((x + 1) * 127.5)))),
    binary: (v) => bits(v, true),
    ubinary: (v) => bits(v, false),
    base64: (v) => float32Base64(v),
  }
  const embeddings = Object.fromEntries(
    types.filter((type) => encoders[type]).map((type) => [type, vectors.map((v) => encoders[type]!(v))]),
  )
  const inputTokens = texts.reduce((sum, text) => sum + tokens(text), 0)
  const response = {
    id: ids.uuid(),
    texts,
    embeddings,
    meta: { api_version: { version: '2' }, billed_units: { input_tokens: inputTokens } },
    response_type: 'embeddings_by_type',
  }
  sendJson(
    ctx.res,
    200,
    { ...cohereHeaders(ctx, 'application/json'), num_tokens: String(inputTokens) },
    JSON.stringify(response),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Ollama: JSON, or NDJSON streams (the default); Go's JSON encoding
// ---------------------------------------------------------------------------------------------------------

function ollamaError(ctx: Ctx, error: FakeError): void {
  const message =
    error.message ??
    (error.status === 404
      ? `model "${String(ctx.body.model)}" not found, try pulling it first`
      : 'an error occurred')
  sendJson(
    ctx.res,
    error.status,
    { 'content-type': 'application/json; charset=utf-8' },
    goJson({ error: message }),
  )
}

/** Go's time.Time as Ollama prints it: RFC 3339 with nanoseconds. */
const ollamaTime = () => new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z')

function ollamaMetrics(answer: Answer) {
  return {
    total_duration: 1_234_567_890,
    load_duration: 12_345_678,
    prompt_eval_count: answer.inputTokens,
    prompt_eval_duration: 98_765_432,
    eval_count: answer.outputTokens + answer.reasoningTokens,
    eval_duration: 876_543_210,
  }
}

async function ollamaChat(ctx: Ctx): Promise<void> {
  if (ctx.script.error) return ollamaError(ctx, ctx.script.error)
  const { body, ids } = ctx
  const model = String(body.model ?? 'llama3.2')
  const answer = decide(roleToolConversation(body), ctx.script, body.messages)
  const toolCalls = answer.tool
    ? [
        {
          id: `call_${ids.chars(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
          function: { index: 0, name: answer.tool.name, arguments: answer.tool.arguments },
        },
      ]
    : undefined
  const doneReason = 'stop'
  if (body.stream === false) {
    const response = {
      model,
      created_at: ollamaTime(),
      message: {
        role: 'assistant',
        content: answer.text ?? '',
        ...(answer.reasoning && { thinking: answer.reasoning }),
        ...(toolCalls && { tool_calls: toolCalls }),
      },
      done_reason: doneReason,
      done: true,
      ...ollamaMetrics(answer),
    }
    return sendJson(ctx.res, 200, { 'content-type': 'application/json; charset=utf-8' }, goJson(response))
  }
  const line = (message: Record<string, unknown>) =>
    goJson({ model, created_at: ollamaTime(), message: { role: 'assistant', ...message }, done: false }) +
    '\n'
  const frames: string[] = []
  if (answer.reasoning)
    for (const thinking of words(answer.reasoning)) frames.push(line({ content: '', thinking }))
  if (answer.text !== undefined) for (const content of words(answer.text)) frames.push(line({ content }))
  // Ollama sends a tool call whole, in one line.
  if (toolCalls) frames.push(line({ content: '', tool_calls: toolCalls }))
  frames.push(
    goJson({
      model,
      created_at: ollamaTime(),
      message: { role: 'assistant', content: '' },
      done_reason: doneReason,
      done: true,
      ...ollamaMetrics(answer),
    }) + '\n',
  )
  return sendStream(ctx, { 'content-type': 'application/x-ndjson' }, frames)
}

async function ollamaGenerate(ctx: Ctx): Promise<void> {
  if (ctx.script.error) return ollamaError(ctx, ctx.script.error)
  const { body } = ctx
  const model = String(body.model ?? 'llama3.2')
  const prompt = typeof body.prompt === 'string' ? body.prompt : ''
  const answer = decide({ lastIsToolResult: false, tools: [], lastUserText: prompt }, ctx.script, prompt)
  const text = answer.text ?? JSON.stringify(answer.tool?.arguments ?? {})
  const context = Array.from(
    { length: Math.min(8, answer.inputTokens + answer.outputTokens) },
    (_, i) => 128000 + i,
  )
  if (body.stream === false) {
    const response = {
      model,
      created_at: ollamaTime(),
      response: text,
      ...(answer.reasoning && { thinking: answer.reasoning }),
      done: true,
      done_reason: 'stop',
      context,
      ...ollamaMetrics(answer),
    }
    return sendJson(ctx.res, 200, { 'content-type': 'application/json; charset=utf-8' }, goJson(response))
  }
  const line = (fields: Record<string, unknown>) =>
    goJson({ model, created_at: ollamaTime(), ...fields, done: false }) + '\n'
  const frames: string[] = []
  if (answer.reasoning)
    for (const thinking of words(answer.reasoning)) frames.push(line({ response: '', thinking }))
  for (const response of words(text)) frames.push(line({ response }))
  frames.push(
    goJson({
      model,
      created_at: ollamaTime(),
      response: '',
      done: true,
      done_reason: 'stop',
      context,
      ...ollamaMetrics(answer),
    }) + '\n',
  )
  return sendStream(ctx, { 'content-type': 'application/x-ndjson' }, frames)
}

async function ollamaEmbed(ctx: Ctx): Promise<void> {
  if (ctx.script.error) return ollamaError(ctx, ctx.script.error)
  const { body } = ctx
  const inputs = embeddingInputs(body.input)
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : (ctx.script.dimensions ?? 8)
  const response = {
    model: String(body.model ?? 'all-minilm'),
    embeddings: inputs.map((text) => vector(text, dimensions)),
    total_duration: 14_143_917,
    load_duration: 1_019_500,
    prompt_eval_count: inputs.reduce((sum, text) => sum + tokens(text), 0),
  }
  sendJson(ctx.res, 200, { 'content-type': 'application/json; charset=utf-8' }, goJson(response))
}
