/**
 * The control API under `/__standin/` on the mock's own port: health, fixtures, sessions, journal and
 * reset, so runner integrations and other processes can drive a mock they did not start.
 *
 * Scope: a request that names a session (the `/_s/<id>` prefix, the `x-standin-session` header or
 * `?session=<id>`) acts on that session alone: its journal, its fixtures, its reset. A request that names
 * none acts on the whole server: every session's journal, the mock's run-time fixtures, a reset of everything.
 * `/__standin/sessions/<id>/…` names its session in the path; a request scoped to another session gets 403.
 * @module
 */
import { relative, resolve, sep } from 'node:path'
import type { Engine } from '../engine/engine'
import { BodyTooLargeError, jsonReply, type Incoming, type Reply } from '../core/reply'
import { decodePathSegment } from '../core/path-segment'
import { FixtureError } from '../errors'
import { validateFixtureDocument } from '../fixtures/load'
import { registerEntry } from '../core/register'
import type { JournalEntry } from '../journal/journal'
import { DEFAULT_SESSION } from '../sessions/session-registry'
import { journalEvents, journalPage, pageRedirect } from './journal-page-routes'

const SESSION_ROUTE = /^\/__standin\/sessions\/([^/]+)(\/journal|\/fixtures|\/reset|\/recording)?$/
/** Bodies of control requests other than fixtures (a session id) are small. */
const SMALL_BODY = 1024 * 1024

export interface ControlTarget {
  /** The path below any `/_s/<id>` prefix. */
  pathname: string
  /** The session the request names by prefix or header, if any. */
  session: string | undefined
}

export async function handleControl(
  engine: Engine,
  incoming: Incoming,
  target: ControlTarget,
): Promise<Reply> {
  const { pathname } = target
  const method = incoming.method
  if (pathname === '/health' || pathname === '/ready' || pathname === '/__standin/health') {
    return jsonReply(200, {
      status: 'ok',
      fixtures: engine.runtime.size + engine.loaded.size,
      sessions: engine.sessions.size,
      journal: engine.sessions.journal.size,
    })
  }
  if (pathname === '/__standin' && method === 'GET') return pageRedirect(incoming)
  if (pathname === '/__standin/' && method === 'GET') return journalPage()
  const scope = target.session ?? incoming.url.searchParams.get('session') ?? undefined
  if (pathname === '/__standin/journal/events' && method === 'GET') {
    return journalEvents(engine, journalOf(engine, scope), scope, incoming.signal)
  }
  if (pathname === '/__standin/journal') {
    if (method === 'GET') return journalReply(journalOf(engine, scope))
    if (method === 'DELETE') {
      if (scope) engine.sessions.peek(scope)?.journal.clear()
      else engine.sessions.journal.clear()
      return noContent()
    }
  }
  if (pathname === '/__standin/fixtures' && method === 'POST') return addFixtures(engine, incoming, scope)
  if (pathname === '/__standin/reset' && method === 'POST') return reset(engine, scope)
  if (pathname === '/__standin/sessions' && method === 'POST') return createSession(engine, incoming)
  if (pathname === '/__standin/sessions' && method === 'GET') return jsonReply(200, engine.sessions.ids())
  const session = SESSION_ROUTE.exec(pathname)
  if (session) {
    const id = decodePathSegment(session[1]!)
    if (target.session !== undefined && target.session !== id) {
      return controlError(
        403,
        `This request is scoped to session "${target.session}"; it cannot act on "${id}".`,
      )
    }
    const action = session[2]
    if (!action && method === 'DELETE') {
      engine.sessions.delete(id)
      return noContent()
    }
    if (action === '/journal' && method === 'GET') return journalReply(journalOf(engine, id))
    if (action === '/fixtures' && method === 'POST') return addFixtures(engine, incoming, id)
    if (action === '/reset' && method === 'POST') return reset(engine, id)
    if (action === '/recording' && method === 'POST') return useRecording(engine, incoming, id)
  }
  if (pathname === '/__standin/recording' && method === 'GET') {
    const recorder = engine.recorder
    return jsonReply(200, {
      mode: recorder?.mode ?? 'replay',
      written: [...(recorder?.written ?? [])].map((file) => relative(process.cwd(), file) || file),
      problems: recorder?.problems ?? [],
    })
  }
  if (pathname === '/__standin/recording' && method === 'POST' && scope && scope !== DEFAULT_SESSION) {
    return useRecording(engine, incoming, scope)
  }
  return controlError(404, `Unknown control route ${method} ${pathname}`, 'not_found')
}

/**
 * Gives a session its recording file (a runner on another process: Playwright through a shared server).
 * The file must be a `.json` inside the server's working folder: the control API never writes elsewhere.
 */
async function useRecording(engine: Engine, incoming: Incoming, session: string): Promise<Reply> {
  const read = await readJson(incoming, SMALL_BODY)
  if (read.error) return read.error
  const file = (read.value as { file?: unknown } | undefined)?.file
  if (typeof file !== 'string' || !/\.json$/i.test(file)) {
    return controlError(400, 'The body must be {"file": "<path>.json"}: the recording file of this session.')
  }
  const root = process.cwd()
  const path = resolve(root, file)
  if (path !== root && !path.startsWith(root + sep)) {
    return controlError(403, `Recording files must be inside the server's folder ${root}; got ${file}.`)
  }
  if (!engine.recorder) return controlError(404, 'This mock has no recorder.', 'not_found')
  try {
    const info = engine.recorder.useRecording(session, path)
    return jsonReply(200, { ...info, file: relative(root, info.file) })
  } catch (error) {
    return controlError(400, `The recording ${file} could not be read: ${(error as Error).message}`)
  }
}

export function journalOf(engine: Engine, session: string | undefined): JournalEntry[] {
  if (!session) return engine.sessions.journal.entries
  return engine.sessions.peek(session)?.journal.entries ?? []
}

/**
 * The journal as a JSON array written entry by entry: no single string holds it all, and an entry that
 * cannot be serialised is replaced by a note instead of failing the whole read.
 */
function journalReply(entries: JournalEntry[]): Reply {
  async function* body(): AsyncGenerator<string> {
    yield '['
    for (let i = 0; i < entries.length; i++) yield (i === 0 ? '' : ',') + serialise(entries[i]!)
    yield ']'
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: body() }
}

function serialise(entry: JournalEntry): string {
  try {
    return JSON.stringify(entry)
  } catch (error) {
    return JSON.stringify({
      id: entry.id,
      error: `standin could not serialise this entry: ${(error as Error).message}`,
    })
  }
}

function reset(engine: Engine, session: string | undefined): Reply {
  if (session && session !== DEFAULT_SESSION) engine.sessions.peek(session)?.reset()
  else engine.reset()
  return jsonReply(200, { reset: true })
}

async function createSession(engine: Engine, incoming: Incoming): Promise<Reply> {
  const read = await readJson(incoming, SMALL_BODY)
  if (read.error) return read.error
  const body = read.value as Record<string, unknown> | undefined
  const id = typeof body?.id === 'string' && body.id ? body.id : engine.ids.id('s_')
  engine.sessions.get(id)
  return jsonReply(201, { id, pathPrefix: `/_s/${encodeURIComponent(id)}` })
}

async function addFixtures(engine: Engine, incoming: Incoming, session: string | undefined): Promise<Reply> {
  const read = await readJson(incoming, engine.options.bodyLimit)
  if (read.error) return read.error
  if (read.value === undefined) return controlError(400, 'The body must be JSON: {"fixtures": [...]}.')
  const outcome = validateFixtureDocument(read.value, 'control API')
  if (!outcome.ok) {
    const error = new FixtureError(outcome.issues)
    return jsonReply(400, {
      error: { message: error.message, type: 'invalid_fixture', issues: outcome.issues },
    })
  }
  const target = session && session !== DEFAULT_SESSION ? engine.sessions.get(session).store : engine.runtime
  const ids: string[] = []
  try {
    for (const entry of outcome.entries) ids.push(registerEntry(target, entry, 'control API', false).id)
  } catch (error) {
    // An id already registered (by a file, code or an earlier request) is the caller's mistake.
    if (!(error instanceof FixtureError)) throw error
    return jsonReply(400, {
      error: { message: error.message, type: 'invalid_fixture', issues: error.issues, added: ids },
    })
  }
  return jsonReply(200, { added: ids.length, ids, warnings: outcome.warnings })
}

/** The body as JSON (undefined when empty), or the error reply: 413 past `limit`, 400 when not JSON. */
async function readJson(incoming: Incoming, limit: number): Promise<{ value?: unknown; error?: Reply }> {
  let text: string
  try {
    text = await incoming.text(limit)
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return { error: controlError(413, `The request body exceeds the ${limit}-byte limit.`) }
    throw error
  }
  if (!text) return {}
  try {
    return { value: JSON.parse(text) }
  } catch {
    return { error: controlError(400, 'The body must be JSON: {"fixtures": [...]}.') }
  }
}

function controlError(status: number, message: string, type = 'invalid_request_error'): Reply {
  return jsonReply(status, { error: { message, type } })
}

function noContent(): Reply {
  return { status: 204, headers: {}, body: null }
}
