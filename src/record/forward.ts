/**
 * Forwarding a miss to the real provider: the same method, path and query and body, the client's headers
 * minus hop-by-hop ones and standin's own, the client's credentials (or the configured upstream key in
 * the provider's scheme), and for Bedrock a fresh SigV4 signature for the upstream's host.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
import type { Hash, Hmac } from 'node:crypto'
import type { RecordProvider } from './upstreams'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')
// Loaded on the first Bedrock recording, never at import: most suites never sign anything. A require, not
// `import()`: the engine runs from a V8 code cache, where `import()` has no loader (src/loader/compile-cache.ts).
const smithySignature = lazyRequire<typeof import('@smithy/signature-v4')>('@smithy/signature-v4')

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the upstream connection sets itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // fetch asks for and decodes compressed bodies itself; the relayed body is the decoded one.
  'accept-encoding',
  'cookie',
  'x-test-id',
])

/** standin's own headers (and the seed's), meant for the mock, never for the provider. */
function isMockHeader(name: string): boolean {
  return name.startsWith('x-standin-') || name.startsWith('x-aimock-')
}

/** The request headers to send upstream. */
export function forwardedHeaders(entries: Iterable<[string, string]>): Map<string, string> {
  const all = [...entries]
  const named = new Set(
    all
      .filter(([name]) => name === 'connection')
      .flatMap(([, value]) => value.split(',').map((token) => token.trim().toLowerCase())),
  )
  const out = new Map<string, string>()
  for (const [name, value] of all) {
    if (HOP_BY_HOP.has(name) || named.has(name) || isMockHeader(name)) continue
    out.set(name, value)
  }
  return out
}

/** Response headers relayed to the client: not hop-by-hop, not a length or encoding fetch has undone. */
export function relayedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || name === 'content-encoding' || name === 'set-cookie') return
    out[name] = value
  })
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies.join(', ')
  return out
}

/**
 * Replaces the client's credential with `key`, in the scheme the provider reads. Bedrock signs requests
 * instead (see {@link resignForUpstream}) and is left alone.
 */
export function injectKey(
  provider: RecordProvider,
  headers: Map<string, string>,
  url: URL,
  key: string,
): void {
  const drop = (...names: string[]) => names.forEach((name) => headers.delete(name))
  switch (provider) {
    case 'anthropic':
      drop('authorization')
      headers.set('x-api-key', key)
      return
    case 'azure':
      drop('authorization')
      headers.set('api-key', key)
      return
    case 'gemini':
      drop('authorization')
      url.searchParams.delete('key')
      headers.set('x-goog-api-key', key)
      return
    case 'bedrock':
      return
    default:
      drop('x-api-key', 'api-key')
      headers.set('authorization', `Bearer ${key}`)
  }
}

/** Every credential value the request carries (and keys standin added), to scrub from what is written. */
export function credentialValues(headers: Map<string, string>, url: URL, extra: string[] = []): string[] {
  const values = new Set<string>(extra)
  for (const name of ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'x-amz-security-token']) {
    const value = headers.get(name)
    if (!value) continue
    values.add(value)
    const bearer = /^Bearer\s+(.+)$/i.exec(value)?.[1]
    if (bearer) values.add(bearer)
    const accessKey = /Credential=([^/,\s]+)\//.exec(value)?.[1]
    if (accessKey) values.add(accessKey)
    const signature = /Signature=([0-9a-f]+)/.exec(value)?.[1]
    if (signature) values.add(signature)
  }
  for (const name of ['key', 'api_key', 'access_token']) {
    const value = url.searchParams.get(name)
    if (value) values.add(value)
  }
  // Short values (a test's "x") would scrub ordinary words from the recording; real keys are long.
  return [...values].filter((value) => value.length >= 8)
}

class NodeSha256 {
  readonly #hash: Hash | Hmac
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret
      ? nodeCrypto().createHmac('sha256', toBytes(secret))
      : nodeCrypto().createHash('sha256')
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data))
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()))
  }
  reset(): void {
    throw new Error('not resettable')
  }
}

function toBytes(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array | string {
  if (typeof data === 'string' || data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/**
 * A SigV4-signed request (Bedrock) signs the mock's host, so the upstream would refuse it. With AWS
 * credentials in the environment it is signed again for the upstream's host, region and body; without
 * them it goes as it came and the upstream's refusal is relayed (the reason is returned for the journal).
 */
export async function resignForUpstream(
  headers: Map<string, string>,
  url: URL,
  method: string,
  body: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const authorization = headers.get('authorization')
  if (!authorization?.startsWith('AWS4-HMAC-SHA256')) return undefined
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  if (!accessKeyId || !secretAccessKey) {
    return 'the request is SigV4-signed for the mock; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to sign it for the upstream'
  }
  const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\//.exec(authorization)
  const region = scope?.[1] ?? env.AWS_REGION ?? 'us-east-1'
  const service = scope?.[2] ?? 'bedrock'
  for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']) {
    headers.delete(name)
  }
  const { SignatureV4 } = smithySignature()
  const signer = new SignatureV4({
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    region,
    service,
    sha256: NodeSha256,
  })
  const query: Record<string, string> = {}
  url.searchParams.forEach((value, name) => (query[name] = value))
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: { ...Object.fromEntries(headers), host: url.host },
    body,
  })
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== 'host') headers.set(name.toLowerCase(), String(value))
  }
  return undefined
}
