/**
 * Where each provider's misses are forwarded: a base URL per provider, from the options, else
 * `STANDIN_UPSTREAM_<PROVIDER>`, else the provider's public API. Azure has no public default (every
 * resource has its own host) and must be configured.
 * @module
 */

/** The nine providers record mode forwards to, by the names the seed's CLI flags use. */
export const RECORD_PROVIDERS = [
  'openai',
  'anthropic',
  'gemini',
  'vertexai',
  'bedrock',
  'azure',
  'ollama',
  'cohere',
  'openrouter',
] as const
/** A provider record mode forwards to, named as the seed's `--provider-<name>` flags name it. */
export type RecordProvider = (typeof RECORD_PROVIDERS)[number]

/** Upstream base URLs by provider, e.g. `{ openai: 'https://api.openai.com' }`. */
export type Upstreams = Partial<Record<RecordProvider, string>>

/** A surface's `provider` as a record provider (`vertex` is the seed's `vertexai`). */
export function recordProvider(surfaceProvider: string): RecordProvider | undefined {
  const name = surfaceProvider === 'vertex' ? 'vertexai' : surfaceProvider
  return (RECORD_PROVIDERS as readonly string[]).includes(name) ? (name as RecordProvider) : undefined
}

const DEFAULTS: Partial<Record<RecordProvider, string>> = {
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  cohere: 'https://api.cohere.com',
  openrouter: 'https://openrouter.ai',
  ollama: 'http://127.0.0.1:11434',
}

export function upstreamEnvName(provider: RecordProvider): string {
  return `STANDIN_UPSTREAM_${provider.toUpperCase()}`
}

/** The configured base URL, else the env override, else the default; undefined when none applies. */
export function upstreamBase(
  provider: RecordProvider,
  configured: Upstreams,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return configured[provider] || env[upstreamEnvName(provider)]?.trim() || DEFAULTS[provider]
}

/**
 * The default host of requests whose region is in the request: Vertex AI's `locations/<region>` in the
 * path, Bedrock's region in the SigV4 credential scope.
 */
export function regionalDefault(
  provider: RecordProvider,
  path: string,
  authorization: string | null,
): string | undefined {
  if (provider === 'vertexai') {
    const region = /\/locations\/([a-z0-9-]+)\//.exec(path)?.[1]
    if (!region) return undefined
    return region === 'global'
      ? 'https://aiplatform.googleapis.com'
      : `https://${region}-aiplatform.googleapis.com`
  }
  if (provider === 'bedrock') {
    const region = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/bedrock\//.exec(authorization ?? '')?.[1]
    return region ? `https://bedrock-runtime.${region}.amazonaws.com` : undefined
  }
  return undefined
}

/** The base URL's own path (a proxy's prefix) joined with the request's path and query. */
export function joinUpstream(base: string, pathAndQuery: string): URL {
  const url = new URL(base)
  const prefix = url.pathname.replace(/\/+$/, '')
  return new URL(prefix + pathAndQuery, url.origin)
}
