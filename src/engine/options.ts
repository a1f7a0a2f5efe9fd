/**
 * The engine's options and their defaults, resolved once.
 * @module
 */
import type { CanonicalRequest } from '../canonical'
import type { ChaosRates } from '../chaos/rates'
import type { JournalEntry } from '../journal/journal'
import type { AuthOptions } from '../security/inbound-auth'
import type { ServiceDefaults } from '../services/service-result'
import type { SessionLimits } from '../sessions/session-registry'
import { DEFAULT_CHUNK_SIZE } from '../streaming/events'
import { StandinError } from '../errors'
import { fixtureSchemas } from '../fixtures/schema'
import { STREAMING_PROFILE_NAMES, type StreamingProfile } from '../streaming/profiles'

export interface EngineOptions {
  /** Answer misses with 503 instead of 404. Default: true when `CI=true`. */
  strict?: boolean
  /** Characters per streamed chunk (default 20). */
  chunkSize?: number
  /** Milliseconds before each streamed chunk, for every fixture that sets none. */
  latency?: number
  /**
   * The pace of every stream whose fixture sets none: `fast`, `standard`, `reasoning`, `overloaded` or
   * `{ ttft, tps, jitter }` (ms before the first chunk, tokens per second, ± fraction).
   */
  streamingProfile?: StreamingProfile
  /**
   * Makes ids, timestamps, jitter and chaos decisions reproducible (chaos per session: each session draws
   * from its own stream, derived from the seed and the session id).
   */
  seed?: string | number
  /**
   * Server-wide chaos: the probability (0 to 1) that a request is dropped (HTTP 500, code `chaos_drop`),
   * answered malformed (HTTP 200, a body that is not JSON) or disconnected (no response). A fixture's
   * `chaos` and the `x-standin-chaos-*` request headers override it, rate by rate.
   * @example createStandin({ chaos: { dropRate: 0.1 }, seed: 42 })
   */
  chaos?: ChaosRates
  /** Journal entries kept per session (default 1000). */
  journalLimit?: number
  /** Journal bytes kept per session (default 16 MiB). */
  journalBytes?: number
  /** Journal bytes kept by all sessions together (default 64 MiB). */
  journalBudget?: number
  /** Sessions kept at most (default 10,000): past it the least recently used one is forgotten. */
  maxSessions?: number
  /** Milliseconds a session may stay unused before it is forgotten (default 30 minutes; 0: never). */
  sessionIdleTimeout?: number
  /** Request body cap in bytes (default 10 MiB). */
  bodyLimit?: number
  /** Inbound API keys for provider routes and mounts, and a token for the control API (both opt-in). */
  auth?: AuthOptions
  /** Origins (besides its own) whose pages may call the control API, e.g. `http://localhost:3000`; `*` for any. */
  allowedOrigins?: string[]
  /**
   * Rewrites every decoded request before it is matched, journaled or recorded: normalise what changes
   * from run to run (timestamps, generated ids) so recordings match again.
   * @example requestTransform: (r) => r.kind === 'chat' ? { ...r, system: r.system.replace(/\d{4}-\d\d-\d\d/g, '<date>') } : r
   */
  requestTransform?: (request: CanonicalRequest) => CanonicalRequest
  /**
   * Divides every streaming delay. Setting it also replays recordings' `recordedTimings` (their real
   * cadence; 1 = as recorded, 10 = ten times faster); without it recordings stream at full speed.
   */
  replaySpeed?: number
  /** Called with each request's journal entry once it is recorded (the CLI's `--log` line). */
  onJournalEntry?: (entry: JournalEntry) => void
  /**
   * Serve `GET /metrics` in Prometheus text format (request counts, latency, fixtures, sessions). Guarded
   * like the control API: same-origin pages only, and the control token when one is set.
   * @see https://github.com/standin/standin#metrics
   */
  metrics?: boolean
  /**
   * Services that answer every request no fixture matches, in strict mode too (the config's `services`):
   * searches with no results, reranks ranked by query-term overlap, moderations unflagged.
   * @example createStandin({ services: { search: true, rerank: true, moderate: true } })
   */
  services?: ServiceDefaults
}

export interface ResolvedOptions {
  strict: boolean
  chunkSize: number
  latency: number
  streamingProfile: StreamingProfile | undefined
  bodyLimit: number
  sessions: SessionLimits
  requestTransform: ((request: CanonicalRequest) => CanonicalRequest) | undefined
  replaySpeed: number | undefined
  onJournalEntry: ((entry: JournalEntry) => void) | undefined
  services: ServiceDefaults
}

export function resolveOptions(options: EngineOptions): ResolvedOptions {
  return {
    strict: options.strict ?? process.env.CI === 'true',
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    latency: options.latency ?? 0,
    streamingProfile:
      options.streamingProfile === undefined ? undefined : checkedProfile(options.streamingProfile),
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    requestTransform: options.requestTransform,
    replaySpeed: options.replaySpeed,
    onJournalEntry: options.onJournalEntry,
    services: options.services === undefined ? NO_SERVICES : { ...options.services },
    sessions: sessionLimits(options),
  }
}

// Shared by every mock without these options (most: a mock per test, issue 15); frozen, never written.
const NO_SERVICES: ServiceDefaults = Object.freeze({})
const DEFAULT_SESSION_LIMITS: SessionLimits = Object.freeze({
  maxSessions: undefined,
  idleTimeout: undefined,
  journal: Object.freeze({ entries: undefined, bytes: undefined }),
  journalBudget: undefined,
})

function sessionLimits(options: EngineOptions): SessionLimits {
  if (
    options.maxSessions === undefined &&
    options.sessionIdleTimeout === undefined &&
    options.journalLimit === undefined &&
    options.journalBytes === undefined &&
    options.journalBudget === undefined
  )
    return DEFAULT_SESSION_LIMITS
  return {
    maxSessions: options.maxSessions,
    idleTimeout: options.sessionIdleTimeout,
    journal: { entries: options.journalLimit, bytes: options.journalBytes },
    journalBudget: options.journalBudget,
  }
}

/** The server's streaming profile, checked as a fixture's is (a misspelt name must not pace nothing). */
function checkedProfile(profile: StreamingProfile): StreamingProfile {
  const parsed = fixtureSchemas().streamingProfileSchema.safeParse(profile)
  if (parsed.success) return parsed.data
  throw new StandinError(
    'STANDIN_BAD_OPTION',
    `streamingProfile must be ${STREAMING_PROFILE_NAMES.join(', ')} or { ttft, tps, jitter }; got ${JSON.stringify(profile)}.`,
  )
}
