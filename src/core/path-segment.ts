/**
 * Decoding ids taken from a URL path (session ids in `/_s/<id>/` and the control API).
 * @module
 */

/**
 * `decodeURIComponent`, except that a malformed escape such as `%E0%A4%A` is kept as written: it would
 * throw a URIError, and a request the mock cannot decode must still get an answer, not a crash.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
