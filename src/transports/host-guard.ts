/**
 * The node transport's side of the `Host` check: which requests pass, what a refused one is told, and
 * the warning when the server is bound where the check cannot apply.
 * @see ../../docs/decisions/transport-security.md
 * @module
 */
import type { ServerResponse } from 'node:http'
import type { Reply } from '../core/reply'
import { cachedHostCheck, isLoopbackHost } from '../security/host-check'
import type { Request1or2, Response1or2 } from './node-server'

/**
 * Whether a request's `Host` (`:authority` over h2c) may be answered by a server bound to `boundHost`.
 * Bound beyond loopback, the names clients use (a LAN address, a container name) cannot be known, so
 * every request passes.
 */
export function hostCheck(boundHost: string): (req: Request1or2) => boolean {
  return isLoopbackHost(boundHost) ? loopbackCheck : anyHost
}

const anyHost = (): boolean => true
/**
 * One check (and one bounded cache of answers) for every loopback-bound server in the process: the answer
 * depends on the `Host` value alone, and a server per test made a cache per test (issue 15).
 */
let allowedHost: ((hostHeader: string | undefined) => boolean) | undefined
const loopbackCheck = (req: Request1or2): boolean => (allowedHost ??= cachedHostCheck())(hostOf(req))

function hostOf(req: Request1or2): string | undefined {
  const host = req.headers.host ?? req.headers[':authority']
  return Array.isArray(host) ? host[0] : host
}

/** The 403 a refused `Host` gets (an upgrade request's too). */
export function hostRefusal(): Reply {
  return {
    status: 403,
    headers: { 'content-type': 'application/json' },
    body: HOST_REFUSED,
  }
}

/** The 403 a refused `Host` gets; a promise, as the engine's answers are, so both end the same way. */
export async function refuseHost(res: Response1or2): Promise<void> {
  const body = HOST_REFUSED
  ;(res as ServerResponse).writeHead(403, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  })
  res.end(body)
}

const HOST_REFUSED = JSON.stringify({
  error: {
    message:
      'standin refuses this Host: a server bound to loopback answers only localhost, 127.0.0.1 and [::1] ' +
      '(a guard against DNS rebinding). Bind it beyond loopback (host 0.0.0.0) to serve other names.',
    type: 'invalid_request_error',
    code: 'host_not_allowed',
  },
})

/** Said once per server, through `process.emitWarning`, so it shows unless warnings are silenced. */
export function warnBeyondLoopback(host: string): void {
  process.emitWarning(
    `standin is listening on ${host}, beyond loopback: other machines can reach it, and its Host check ` +
      '(against DNS rebinding) is off. Set auth.controlToken to keep the control API to yourself, and ' +
      'auth.apiKeys for the provider routes.',
    { code: 'STANDIN_BIND' },
  )
}
