/**
 * The `Host` check against DNS rebinding: a web page whose name an attacker re-points at 127.0.0.1 is
 * same-origin with that name, so its requests reach a loopback server with `Host: evil.example`. A server
 * bound to loopback can only be reached legitimately by a loopback name, so any other name is refused.
 * @see https://en.wikipedia.org/wiki/DNS_rebinding
 * @module
 */

/** True for a bind address only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  // The default bound host, checked on every listen(): no lower-casing, no regular expression.
  if (host === '127.0.0.1' || host === 'localhost') return true
  const name = host.toLowerCase().replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/**
 * The names a loopback-bound server accepts in `Host` (any port): `localhost` and its subdomains (browsers
 * resolve `*.localhost` to loopback themselves, RFC 6761), 127.x.y.z and [::1]; the bound host is one of
 * them. The port is not checked: it adds nothing against rebinding (the attacker's name is what gives it
 * away), and dev proxies that keep the original `Host` (Vite's default) send their own port.
 */
export function isAllowedHost(hostHeader: string | undefined): boolean {
  // HTTP/1.0 may omit Host; browsers, the only clients rebinding can steer, always send it.
  if (hostHeader === undefined) return true
  const name = hostName(hostHeader)
  if (name === undefined) return false
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  return isLoopbackHost(name)
}

/**
 * {@link isAllowedHost} with its recent answers remembered: clients send the same `Host` on every request,
 * and parsing it as a URL each time costs the port's hot path. Bounded, as `Host` is the client's to choose.
 */
export function cachedHostCheck(size = 64): (hostHeader: string | undefined) => boolean {
  const answers = new Map<string, boolean>()
  return (hostHeader) => {
    if (hostHeader === undefined) return true
    // What clients of a loopback server send (`127.0.0.1:PORT`, `localhost:PORT`): the port changes with
    // every server, so a per-test server would miss the cache and parse a URL on its first request.
    if (isPlainLoopback(hostHeader)) return true
    let allowed = answers.get(hostHeader)
    if (allowed === undefined) {
      allowed = isAllowedHost(hostHeader)
      if (answers.size >= size) answers.clear()
      answers.set(hostHeader, allowed)
    }
    return allowed
  }
}

/**
 * `127.0.0.1:PORT` or `localhost:PORT` with a valid port (1 to 5 digits, at most 65535): allowed, as
 * {@link isAllowedHost} would say. Read character by character: it runs on every request, and a regex's
 * match array was one of a request's allocations (issue 15).
 */
function isPlainLoopback(value: string): boolean {
  // Both prefixes are 10 characters long.
  if (!value.startsWith('127.0.0.1:') && !value.startsWith('localhost:')) return false
  const digits = value.length - 10
  if (digits < 1 || digits > 5) return false
  let port = 0
  for (let i = 10; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 48 || code > 57) return false
    port = port * 10 + (code - 48)
  }
  return port <= 65_535
}

/**
 * The host name of a `Host` value, lower-case, IPv4 in canonical form (as browsers send it), without the
 * port and without one trailing dot; undefined when it is not a valid host.
 */
function hostName(value: string): string | undefined {
  try {
    const name = new URL(`http://${value}`).hostname
    return name.endsWith('.') ? name.slice(0, -1) : name
  } catch {
    return undefined
  }
}
