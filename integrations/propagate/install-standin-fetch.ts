/**
 * Forwards the current session to the mock on outgoing calls: a global fetch wrapper, a wrapped fetch to
 * hand to an SDK, and plain headers for SDKs that take `defaultHeaders` per call.
 * @module
 */
import { currentStandinSession, SESSION_HEADER } from './session-context'

export interface StandinFetchOptions {
  /** URL prefixes of the mock. Default: `[process.env.STANDIN_URL]` (read when the wrapper is installed). */
  targets?: string[]
}

type Fetch = typeof globalThis.fetch

/**
 * The header naming the current session, or `{}` outside a session or when `STANDIN_URL` is unset.
 * @example await openai.chat.completions.create(body, { headers: standinHeaders() })
 */
export function standinHeaders(): Record<string, string> {
  const session = process.env.STANDIN_URL ? currentStandinSession() : undefined
  return session ? { [SESSION_HEADER]: session } : {}
}

/**
 * Wraps `fetch` so requests to the mock carry the current session header.
 * @example new OpenAI({ fetch: standinFetch(fetch) })
 */
export function standinFetch(fetchImpl: Fetch = globalThis.fetch, options: StandinFetchOptions = {}): Fetch {
  const targets = resolveTargets(options)
  if (targets.length === 0) return fetchImpl
  const wrapped: Fetch = (input, init) => {
    const session = currentStandinSession()
    if (!session || !targets.some((t) => urlOf(input).startsWith(t))) return fetchImpl(input, init)
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.set(SESSION_HEADER, session)
    return fetchImpl(input instanceof Request ? new Request(input, { headers }) : input, { ...init, headers })
  }
  return wrapped
}

/**
 * Replaces `globalThis.fetch` with `standinFetch(fetch)`; returns a function that puts the original back.
 * A no-op when no target is known (`STANDIN_URL` unset). Install it before creating SDK clients: the
 * `openai` SDK, for one, keeps the `fetch` it found at construction.
 * @example installStandinFetch()   // at app start-up
 */
export function installStandinFetch(options: StandinFetchOptions = {}): () => void {
  const original = globalThis.fetch
  const wrapped = standinFetch(original, options)
  if (wrapped === original) return () => {}
  globalThis.fetch = wrapped
  return () => {
    if (globalThis.fetch === wrapped) globalThis.fetch = original
  }
}

function resolveTargets(options: StandinFetchOptions): string[] {
  const targets = options.targets ?? [process.env.STANDIN_URL]
  return targets.filter((t): t is string => Boolean(t)).map((t) => t.replace(/\/+$/, ''))
}

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === 'string') return input
  return input instanceof URL ? input.href : input.url
}
