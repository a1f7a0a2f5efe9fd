/**
 * Stage: the session a path names with its `/_s/<id>` prefix, and the path below it.
 * @module
 */
import { decodePathSegment } from '../core/path-segment'

const SESSION_PREFIX = /^\/_s\/([^/]+)(\/.*)?$/

export function routeRequest(pathname: string): { pathname: string; pathSession: string | undefined } {
  const prefixed = SESSION_PREFIX.exec(pathname)
  if (!prefixed) return { pathname, pathSession: undefined }
  return { pathname: prefixed[2] ?? '/', pathSession: decodePathSegment(prefixed[1]!) }
}
