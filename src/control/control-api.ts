/**
 * The control API under `/__standin/` on the mock's own port: health, fixtures, sessions, journal and
 * reset, so runner integrations and other processes can drive a mock they did not start.
 * @module
 */
import type { Engine } from '../engine'
import { jsonReply, type Incoming, type Reply } from '../core/reply'
import { DEFAULT_SESSION } from '../core/session-context'
import { decodePathSegment } from '../core/path-segment'
import { FixtureError } from '../errors'
import { validateFixtureDocument } from '../fixtures/load'
import { registerEntry } from '../core/register'
import { MatchState } from '../matching/select'

const SESSION_ROUTE = /^\/__standin\/sessions\/([^/]+)(\/journal|\/fixtures|\/reset)?$/

export async function handleControl(engine: Engine, incoming: Incoming, pathname: string): Promise<Reply> {
  const method = incoming.method
  if (pathname === '/health' || pathname === '/ready' || pathname === '/__standin/health') {
    return jsonReply(200, {
      status: 'ok',
      fixtures: engine.shared.size,
      sessions: engine.sessions.size - 1,
      journal: engine.journal.size,
    })
  }
  const sessionParam = incoming.url.searchParams.get('session') ?? undefined
  if (pathname === '/__standin/journal') {
    if (method === 'GET') return jsonReply(200, journalOf(engine, sessionParam))
    if (method === 'DELETE') {
      engine.journal.clear(sessionParam ? (e) => e.session === sessionParam : undefined)
      return { status: 204, headers: {}, body: null }
    }
  }
  if (pathname === '/__standin/fixtures' && method === 'POST')
    return addFixtures(engine, incoming, sessionParam)
  if (pathname === '/__standin/reset' && method === 'POST') {
    resetEngine(engine, sessionParam)
    return jsonReply(200, { reset: true })
  }
  if (pathname === '/__standin/sessions' && method === 'POST') {
    const body = await readJson(incoming)
    const id = typeof body?.id === 'string' && body.id ? body.id : engine.ids.id('s_')
    engine.session(id)
    return jsonReply(201, { id, pathPrefix: `/_s/${encodeURIComponent(id)}` })
  }
  if (pathname === '/__standin/sessions' && method === 'GET') {
    return jsonReply(
      200,
      [...engine.sessions.keys()].filter((id) => id !== DEFAULT_SESSION),
    )
  }
  const session = SESSION_ROUTE.exec(pathname)
  if (session) {
    const id = decodePathSegment(session[1]!)
    const action = session[2]
    if (!action && method === 'DELETE') {
      engine.sessions.delete(id)
      engine.journal.clear((e) => e.session === id)
      return { status: 204, headers: {}, body: null }
    }
    if (action === '/journal' && method === 'GET') return jsonReply(200, journalOf(engine, id))
    if (action === '/fixtures' && method === 'POST') return addFixtures(engine, incoming, id)
    if (action === '/reset' && method === 'POST') {
      resetEngine(engine, id)
      return jsonReply(200, { reset: true })
    }
  }
  return jsonReply(404, {
    error: { message: `Unknown control route ${method} ${pathname}`, type: 'not_found' },
  })
}

function journalOf(engine: Engine, session: string | undefined) {
  return session ? engine.journal.filter({ session }) : engine.journal.entries
}

/** Resets one session (its fixtures, match state and journal), or everything added at run time. */
export function resetEngine(engine: Engine, session?: string): void {
  if (session && session !== DEFAULT_SESSION) {
    const s = engine.sessions.get(session)
    if (s) {
      s.store.retain(() => false)
      s.state = new MatchState()
    }
    engine.journal.clear((e) => e.session === session)
    return
  }
  engine.shared.retain((f) => f.persistent)
  for (const id of [...engine.sessions.keys()]) if (id !== DEFAULT_SESSION) engine.sessions.delete(id)
  engine.session(DEFAULT_SESSION).state = new MatchState()
  engine.journal.clear()
  engine.memory.clear()
  engine.ids.reset()
}

async function addFixtures(engine: Engine, incoming: Incoming, session: string | undefined): Promise<Reply> {
  let body: unknown
  try {
    body = JSON.parse(await incoming.text(engine.bodyLimit))
  } catch {
    return jsonReply(400, {
      error: { message: 'The body must be JSON: {"fixtures": [...]}.', type: 'invalid_request_error' },
    })
  }
  const outcome = validateFixtureDocument(body, 'control API')
  if (!outcome.ok) {
    const error = new FixtureError(outcome.issues)
    return jsonReply(400, {
      error: { message: error.message, type: 'invalid_fixture', issues: outcome.issues },
    })
  }
  const target = session && session !== DEFAULT_SESSION ? engine.session(session).store : engine.shared
  const ids = outcome.entries.map((entry) => registerEntry(target, entry, 'control API', false).id)
  return jsonReply(200, { added: ids.length, ids, warnings: outcome.warnings })
}

async function readJson(incoming: Incoming): Promise<Record<string, unknown> | undefined> {
  const text = await incoming.text(1024 * 1024)
  if (!text) return undefined
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return undefined
  }
}
