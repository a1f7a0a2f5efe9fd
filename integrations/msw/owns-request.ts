/**
 * Which requests belong to standin: those sent to a provider host from the table, or under one of the
 * extra base URLs the user gave (a LiteLLM proxy, an AI gateway, a self-hosted model).
 * @module
 */
import { PROVIDER_HOSTS, type HostPattern, type ProviderName } from './provider-hosts'

export interface Ownership {
  /** Providers whose default hosts are owned (default: every provider in the table). */
  providers?: readonly ProviderName[]
  /** Extra base URLs owned: same origin, and a path under the base URL's path. */
  baseUrls?: readonly (string | URL)[]
}

/** Builds the test once, so each intercepted request costs a few string comparisons. */
export function ownsRequest(ownership: Ownership = {}): (request: Request) => boolean {
  const providers = ownership.providers ?? (Object.keys(PROVIDER_HOSTS) as ProviderName[])
  const hosts: HostPattern[] = providers.flatMap((name) => {
    const patterns = PROVIDER_HOSTS[name]
    if (!patterns)
      throw new TypeError(
        `standinHandlers: unknown provider "${name}" (known: ${Object.keys(PROVIDER_HOSTS).join(', ')})`,
      )
    return [...patterns]
  })
  const bases = (ownership.baseUrls ?? []).map(toBase)
  return (request) => {
    const url = new URL(request.url)
    return hosts.some((host) => matchesHost(host, url.host)) || bases.some((base) => underBase(base, url))
  }
}

interface Base {
  origin: string
  /** The base path without its trailing slash ('' for the root), so `/v1` owns `/v1/...` but not `/v10`. */
  path: string
}

function toBase(value: string | URL): Base {
  const url = new URL(value)
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') }
}

function underBase(base: Base, url: URL): boolean {
  if (url.origin !== base.origin) return false
  return base.path === '' || url.pathname === base.path || url.pathname.startsWith(`${base.path}/`)
}

function matchesHost(pattern: HostPattern, host: string): boolean {
  return typeof pattern === 'string' ? pattern === host : pattern.test(host)
}

/**
 * The WebSocket URLs owned, as the one RegExp MSW's `ws.link()` takes (matched against the URL without
 * its query): `ws://` or `wss://` to an owned host, or under an owned base URL (its `http` scheme read as `ws`).
 */
export function ownedWebSocketUrls(ownership: Ownership = {}): RegExp {
  const providers = ownership.providers ?? (Object.keys(PROVIDER_HOSTS) as ProviderName[])
  const hosts = providers.flatMap((name) => [...(PROVIDER_HOSTS[name] ?? [])]).map(hostSource)
  const bases = (ownership.baseUrls ?? []).map((value) => {
    const { origin, path } = toBase(value)
    const host = origin.replace(/^[a-z]+:\/\//, '')
    return `${escape(host)}${escape(path)}`
  })
  const alternatives = [...hosts.map((h) => `(?:${h})(?=/|$)`), ...bases.map((b) => `${b}(?=/|$)`)]
  return new RegExp(`^wss?://(?:${alternatives.join('|')})`)
}

/** A host pattern's source without its anchors (the table's patterns are anchored). */
function hostSource(pattern: HostPattern): string {
  return typeof pattern === 'string' ? escape(pattern) : pattern.source.replace(/^\^/, '').replace(/\$$/, '')
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
