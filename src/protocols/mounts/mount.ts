/**
 * Mounts: protocol servers (MCP, A2A, AG-UI) served under a path on the mock's own port. A mount is not a
 * fixture-matched LLM exchange: it owns its protocol (sessions, JSON-RPC, streams) and answers the whole
 * request. The engine keeps what every request shares: the standin session, strictness, the body cap,
 * CORS and the journal (one entry per call the mount reports).
 * @module
 */
import type { ChatRequest, ChatResult, JournaledRequest } from '../../canonical'
import type { HeaderReader, Reply } from '../../core/reply'
import type { JournalResponse } from '../../journal/journal'
import type { NoMatchDiagnostic } from '../../matching/diagnose'

/** What a mount sees of one HTTP request. */
export interface MountContext {
  method: string
  url: URL
  /** Where the server is mounted, e.g. `/mcp` (`''` when mounted at the root). */
  base: string
  /** The path below the mount point: `''` or `/…`, e.g. `/.well-known/agent-card.json`. */
  path: string
  headers: HeaderReader
  /** The raw request body (`''` when there is none). The engine has already applied the body cap. */
  body: string
  /** The standin session of the request (header, `/_s/<id>` prefix, in-process scope or the fallback). */
  session: string
  /** Strict mode for this request: the mock's, unless `x-standin-strict` overrides it. */
  strict: boolean
  /** Aborted when the client goes away: long-lived streams end on it. */
  signal: AbortSignal | undefined
  /** State this mount's provider keeps across requests, cleared by `reset()` (e.g. A2A tasks). */
  memory: Map<string, unknown>
  /** Unix seconds (a seeded mock counts from a fixed epoch). */
  now(): number
  /** `prefix` + 24 characters, reproducible on a seeded mock. */
  id(prefix: string): string
  /**
   * Answers a chat request from the mock's LLM fixtures (this session's first, then the shared ones), as
   * an LLM surface would: for mounts that stand for an agent whose answers are LLM fixtures (AG-UI).
   */
  answerChat(request: ChatRequest): Promise<ChatAnswer>
}

/** What the LLM fixtures say to a chat request: a result, a fixture's error, or the miss diagnostic. */
export type ChatAnswer =
  | { kind: 'chat'; result: ChatResult; fixture: { id: string; source: string } }
  | { kind: 'error'; message: string; code?: string; fixture: { id: string; source: string } }
  | { kind: 'miss'; miss: NoMatchDiagnostic }

/** One call to journal. A JSON-RPC batch is several calls in one HTTP request. */
export interface MountCall {
  /** The canonical request: an MCP `tools/call` as a `ToolInvocation`, other JSON-RPC calls as an `RpcCall`. */
  request: JournaledRequest | null
  response: JournalResponse
  /** The fixture that answered the call, for mounts that match fixtures (AG-UI): `toHaveServedFixture`. */
  fixture?: { id: string; source: string }
  /** Why no fixture answered it: `toHaveNoUnmatchedRequests` reports the call. */
  miss?: NoMatchDiagnostic
}

export interface MountReply {
  reply: Reply
  /** One journal entry per call. None: one entry for the HTTP request itself (a GET stream, a DELETE). */
  calls?: MountCall[]
}

/**
 * A protocol server served under a path: `mock.mount('/mcp', createMcpServer())`.
 * @example
 * const echo: MountSurface = {
 *   kind: 'mount', id: 'echo', provider: 'echo',
 *   serve: async (ctx) => ({ reply: { status: 200, headers: {}, body: ctx.body } }),
 * }
 * mock.mount('/echo', echo)
 */
export interface MountSurface {
  kind: 'mount'
  /** Names the mount in the journal (`entry.surface`), e.g. `mcp`. */
  id: string
  provider: string
  /**
   * Exact paths outside the mount point that this server also answers, served as if requested at the same
   * path below it (`/.well-known/agent-card.json` reaches an A2A server mounted at `/a2a` with
   * `path` `/.well-known/agent-card.json`): discovery documents clients look for at the root.
   */
  rootPaths?: readonly string[]
  serve(context: MountContext): Promise<MountReply>
}
