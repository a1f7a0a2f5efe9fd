/**
 * A request the guard caught on its way to a real provider, and standin's message about it: the host, the
 * URL with credentials redacted, and the likely cause.
 * @module
 */
import { engine } from '../engine'
import { PROVIDER_HOSTS, type HostPattern } from '../msw/provider-hosts'
import { SDK_VARIABLES, type GuardedProvider } from './sdk-variables'

export interface LiveCall {
  provider: GuardedProvider
  host: string
  method: string
  /** The URL with credential query parameters redacted. */
  url: string
  /** How it was sent: the global `fetch`, or `node:http`/`https` (axios, got, SDKs with their own agent). */
  via: 'fetch' | 'node:http'
  /** The running test, if any (a call made at module load or in `beforeAll` has none). */
  test: string | undefined
}

const GUARDED = Object.keys(SDK_VARIABLES) as GuardedProvider[]

/**
 * Answers by host, remembered: every request a test makes asks (the guard's fetch and http wrappers), and
 * a suite talks to a handful of hosts (the mock's, mostly). Bounded, in case one talks to many.
 */
const providerByHost = new Map<string, GuardedProvider | undefined>()
const REMEMBERED_HOSTS = 256

/** The guarded provider whose real API lives at `host` (`URL.host`), if any. */
export function guardedProviderOf(host: string): GuardedProvider | undefined {
  if (providerByHost.has(host)) return providerByHost.get(host)
  const provider = GUARDED.find((name) =>
    PROVIDER_HOSTS[name].some((pattern: HostPattern) => matches(pattern, host)),
  )
  if (providerByHost.size >= REMEMBERED_HOSTS) providerByHost.clear()
  providerByHost.set(host, provider)
  return provider
}

function matches(pattern: HostPattern, host: string): boolean {
  return typeof pattern === 'string' ? pattern === host : pattern.test(host)
}

/** How the message tells users to let a call through, in their runner's words. */
export interface OptOutWords {
  /** Per test (`allowLiveCalls()`, or Playwright's `test.use({ standinLiveCalls: 'off' })`). */
  perTest: string
  /** For the run (the runner option). */
  option: string
}

export interface FormatOptions {
  words: OptOutWords
  /** Where the provider variables are read (the test's `process.env`). */
  env: NodeJS.ProcessEnv
  /** The calls went out (`liveCalls: 'warn'`) rather than being blocked. */
  warned?: boolean
}

/**
 * The failure message for one test's live calls (several calls to one URL, as SDK retries make, are one
 * line with a count).
 */
export function formatLiveCalls(calls: readonly LiveCall[], how: FormatOptions): string {
  const { words, env, warned = false } = how
  const providers = [...new Set(calls.map((call) => call.provider))]
  const hosts = [...new Set(calls.map((call) => call.host))]
  const what = `${calls.length === 1 ? 'a live call' : 'live calls'} to ${hosts.join(', ')}`
  const lines = [
    warned
      ? `standin let ${what} go out (liveCalls: 'warn'): tests should not reach real AI providers.`
      : `standin blocked ${what}: tests must not reach real AI providers. Nothing left this process.`,
    ...requestLines(calls),
    '',
    `Likely cause: a client built with an explicit base URL (e.g. \`baseURL: "${exampleBase(calls[0])}"\`), ` +
      'or an SDK that reads another variable than the one standin sets.',
    ...providers.flatMap((provider) => hintLines(provider, env)),
    '',
    `To allow it: ${words.perTest} in this test, ${words.option}, or STANDIN_LIVE_CALLS=warn|off for one run.`,
  ]
  return lines.join('\n')
}

/** The blocked call's origin, as a client would have been given it. */
function exampleBase(call: LiveCall | undefined): string {
  if (!call) return 'https://api.openai.com/v1'
  try {
    return new URL(call.url).origin
  } catch {
    return `https://${call.host}`
  }
}

function requestLines(calls: readonly LiveCall[]): string[] {
  const counts = new Map<string, { call: LiveCall; times: number }>()
  for (const call of calls) {
    const key = `${call.method} ${call.url} (${call.via})`
    const seen = counts.get(key)
    if (seen) seen.times++
    else counts.set(key, { call, times: 1 })
  }
  return [...counts].map(([key, { call, times }]) => {
    const where = call.test === undefined ? ', outside any test' : ''
    return `  ${key}${times > 1 ? ` x${times}` : ''}${where}`
  })
}

function hintLines(provider: GuardedProvider, env: NodeJS.ProcessEnv): string[] {
  const { label, sdks } = SDK_VARIABLES[provider]
  return [
    `${label} clients and the variable each reads for its base URL:`,
    ...sdks.map(({ sdk, variable }) => `  ${sdk}: ${describeVariable(variable, env)}`),
  ]
}

function describeVariable(variable: string | null, env: NodeJS.ProcessEnv): string {
  if (variable === null) return 'none; pass the mock URL as its base URL option'
  if (!(variable in engine().PROVIDER_ENV)) return `${variable} (standin does not set it)`
  const value = env[variable]
  return value ? `${variable}, which standin set to ${value}` : `${variable} (not set in this test)`
}

/** The call as the guard saw it. */
export function liveCall(request: Request, seen: Pick<LiveCall, 'provider' | 'via' | 'test'>): LiveCall {
  const url = new URL(request.url)
  return { ...seen, host: url.host, method: request.method, url: engine().redactUrl(url) }
}
