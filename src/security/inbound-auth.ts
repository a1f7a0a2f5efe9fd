/**
 * Opt-in inbound credentials: API keys that provider routes and mounts require, in whichever carrier the
 * caller's SDK uses, and a token for the control API. Keys are compared as SHA-256 digests with
 * `timingSafeEqual`, so neither a key's content nor its length shows in the time a reply takes.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
import type { HeaderReader } from '../core/reply'
import { StandinError } from '../errors'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

export interface AuthOptions {
  /**
   * Keys a request to a provider route or a mount (MCP, A2A, AG-UI) must present, in any carrier an SDK
   * uses: `Authorization: Bearer`, `x-api-key`, `x-goog-api-key`, `api-key`, `xi-api-key` or `?key=`. Every
   * key presented must be one of these. AWS SigV4 requests match by their access key id.
   * @example createStandin({ auth: { apiKeys: ['test-key'] } })
   */
  apiKeys?: string[]
  /** The token the control API (`/__standin/*`) requires, as `Authorization: Bearer` or `x-standin-token`. */
  controlToken?: string
}

/** Why a request was refused: it presented no key, or one that is not configured. */
export type Refusal = 'missing' | 'invalid'

const KEY_HEADERS = ['x-api-key', 'x-goog-api-key', 'api-key', 'xi-api-key']
/** `Credential=AKID/20260101/us-east-1/bedrock/aws4_request` in a SigV4 `Authorization` header. */
const SIGV4_CREDENTIAL = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\//i
const BEARER = /^(?:Bearer|Key)\s+(\S+)\s*$/i

/** A set of secrets, kept as digests and compared in constant time. */
export class Secrets {
  readonly #digests: Buffer[]

  /** `label(i)` names the i-th secret in an error, e.g. auth.apiKeys[0]. */
  constructor(secrets: readonly string[], label: (index: number) => string) {
    this.#digests = secrets.map((secret, index) => {
      if (typeof secret !== 'string' || secret.trim() === '' || hasControlCharacter(secret))
        throw new StandinError(
          'STANDIN_OPTIONS',
          `${label(index)} must be a non-empty string without control characters`,
        )
      return digest(secret.trim())
    })
  }

  get size(): number {
    return this.#digests.length
  }

  /** True when `candidate` is one of the secrets; every secret is compared, whichever matches. */
  has(candidate: string): boolean {
    const presented = digest(candidate)
    let found = false
    for (const secret of this.#digests) found = nodeCrypto().timingSafeEqual(presented, secret) || found
    return found
  }
}

/**
 * The API keys a request presents, in every carrier; `invalid` when a carrier is there but unreadable
 * (`Authorization: Basic ...`). Bedrock's SDK never sends its secret: a SigV4 request presents its access
 * key id, which is what a configured key is compared with (signatures are not verified).
 */
export function presentedKeys(headers: HeaderReader, url: URL): string[] | 'invalid' {
  const keys: string[] = []
  const authorization = headers.get('authorization')
  if (authorization !== null) {
    const key = BEARER.exec(authorization)?.[1] ?? SIGV4_CREDENTIAL.exec(authorization)?.[1]
    if (key === undefined) return 'invalid'
    keys.push(key)
  }
  for (const name of KEY_HEADERS) {
    const value = headers.get(name)
    if (value !== null) keys.push(value.trim())
  }
  keys.push(...url.searchParams.getAll('key'))
  const presigned = url.searchParams.get('X-Amz-Credential')
  if (presigned !== null) keys.push(presigned.split('/')[0]!)
  return keys
}

/** Undefined when the request presents keys and every one is configured; else why not. */
export function checkApiKey(headers: HeaderReader, url: URL, keys: Secrets): Refusal | undefined {
  const presented = presentedKeys(headers, url)
  if (presented === 'invalid') return 'invalid'
  if (presented.length === 0) return 'missing'
  let valid = true
  for (const key of presented) valid = keys.has(key) && valid
  return valid ? undefined : 'invalid'
}

/** Undefined when the request carries the control token (`x-standin-token` or `Authorization: Bearer`). */
export function checkControlToken(headers: HeaderReader, token: Secrets): Refusal | undefined {
  const presented =
    headers.get('x-standin-token') ?? BEARER.exec(headers.get('authorization') ?? '')?.[1] ?? null
  if (presented === null) return 'missing'
  return token.has(presented.trim()) ? undefined : 'invalid'
}

/** A header cannot carry one, so a key with one could never be presented. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function digest(text: string): Buffer {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest()
}
