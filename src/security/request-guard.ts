/**
 * The engine's one gate before a request is served: the origin policy (CORS), the control token and the
 * inbound API keys, built once from the options. Transport-level checks (the `Host` check) live in the
 * node transport instead, since in-process requests carry real provider hosts.
 * @module
 */
import type { ErrorResult } from '../canonical'
import { jsonReply, type HeaderReader, type Reply } from '../core/reply'
import { StandinError } from '../errors'
import { checkApiKey, checkControlToken, Secrets, type AuthOptions, type Refusal } from './inbound-auth'
import { checkOrigin, normalizeOrigins, type OriginVerdict } from './origin-policy'

export interface GuardOptions {
  auth?: AuthOptions
  /** Origins (besides its own) whose pages may call the control API; `*` for any. */
  allowedOrigins?: string[]
}

/** The part of a surface that renders errors in its provider's shape. */
export interface ErrorEncoder {
  encodeError?(error: ErrorResult, wire?: undefined): unknown
  errorHeaders?(error: ErrorResult): Record<string, string>
}

interface Request {
  method: string
  url: URL
  headers: HeaderReader
}

/** The journal page holds no data (its script reads the journal with the token): it is public too. */
const PUBLIC_PATHS = new Set(['/health', '/ready', '/__standin', '/__standin/'])
const CHALLENGE = { 'www-authenticate': 'Bearer realm="standin"' }

export class RequestGuard {
  readonly #origins: ReadonlySet<string>
  readonly #apiKeys: Secrets | undefined
  readonly #controlToken: Secrets | undefined

  constructor(options: GuardOptions = {}) {
    const { apiKeys, controlToken } = options.auth ?? {}
    this.#origins = normalizeOrigins(options.allowedOrigins)
    if (apiKeys?.length === 0)
      throw new StandinError(
        'STANDIN_OPTIONS',
        'auth.apiKeys must list at least one key (leave it out for no check)',
      )
    this.#apiKeys = apiKeys && new Secrets(apiKeys, (i) => `auth.apiKeys[${i}]`)
    this.#controlToken =
      controlToken === undefined ? undefined : new Secrets([controlToken], () => 'auth.controlToken')
  }

  /** The CORS headers for this request, or the 403 a foreign page gets from the control API. */
  origin(request: Request): OriginVerdict {
    return checkOrigin(request, this.#origins)
  }

  /**
   * Undefined when the control API may answer `pathname` (a public path, no token configured, or the right
   * one sent); else a 401. `/health` and `/ready` are public: load balancers and CI scripts poll them; so is the journal page.
   */
  control(request: Request, pathname: string): Reply | undefined {
    if (!this.#controlToken || PUBLIC_PATHS.has(pathname)) return undefined
    const refusal = checkControlToken(request.headers, this.#controlToken)
    if (!refusal) return undefined
    const message =
      refusal === 'missing'
        ? "standin's control API requires its token (auth.controlToken): send Authorization: Bearer <token> or x-standin-token."
        : "The control token does not match standin's auth.controlToken."
    return jsonReply(
      401,
      { error: { message, type: 'authentication_error', code: 'invalid_control_token' } },
      CHALLENGE,
    )
  }

  /**
   * Undefined when a provider route or mount may answer (no keys configured, or only configured keys sent);
   * else a 401 in the provider's error shape when `surface` renders errors, OpenAI's otherwise.
   */
  apiKey(request: Request, surface?: ErrorEncoder): Reply | undefined {
    if (!this.#apiKeys) return undefined
    const refusal = checkApiKey(request.headers, request.url, this.#apiKeys)
    return refusal && apiKeyRefusal(refusal, surface)
  }
}

function apiKeyRefusal(refusal: Refusal, surface: ErrorEncoder | undefined): Reply {
  const error: ErrorResult = {
    kind: 'error',
    status: 401,
    message:
      refusal === 'missing'
        ? 'standin requires an API key (auth.apiKeys): send it as Authorization: Bearer, x-api-key, x-goog-api-key, api-key or ?key=.'
        : "Incorrect API key provided: it is not one of standin's auth.apiKeys.",
    code: 'invalid_api_key',
  }
  const body = surface?.encodeError?.(error) ?? {
    error: { message: error.message, type: 'invalid_request_error', code: error.code },
  }
  return jsonReply(401, body, { ...surface?.errorHeaders?.(error), ...CHALLENGE })
}
