/**
 * Sessions on a mock in another process, through its control API (`/__standin/sessions/...`).
 * @module
 */
import type { FixtureEntry, JournalEntry } from 'standin/internal'
import type { SessionBackend, StandinControl } from './session-backend'
import { notSerializable, toJsonMatch } from './to-json-match'

const REQUEST_TIMEOUT_MS = 10_000

/** A control client for the mock at `baseUrl`; fails fast when it does not answer. */
export async function remoteControl(baseUrl: string): Promise<StandinControl> {
  await call(baseUrl, 'GET', '/__standin/health')
  return { baseUrl, open: (id) => openRemoteSession(baseUrl, id) }
}

async function openRemoteSession(baseUrl: string, id: string): Promise<SessionBackend> {
  const path = `/__standin/sessions/${encodeURIComponent(id)}`
  await call(baseUrl, 'POST', '/__standin/sessions', { id })
  const own: Array<{ id: string; source: string }> = []
  const add = async (entries: FixtureEntry[]) => {
    const reply = (await call(baseUrl, 'POST', `${path}/fixtures`, { fixtures: entries })) as {
      ids?: string[]
    }
    for (const fixtureId of reply.ids ?? []) own.push({ id: fixtureId, source: 'control API' })
  }
  return {
    baseUrl,
    on(match, response, opts = {}) {
      if (typeof response === 'function')
        return Promise.reject(new TypeError(notSerializable('the response')))
      const { id: fixtureId, ...rest } = opts
      return add([
        { match: toJsonMatch(match), response, opts: rest, ...(fixtureId ? { id: fixtureId } : {}) },
      ])
    },
    add,
    journal: async () => (await call(baseUrl, 'GET', `${path}/journal`)) as JournalEntry[],
    fixtures: () => own,
    async reset() {
      own.length = 0
      await call(baseUrl, 'POST', `${path}/reset`)
    },
    async useRecording(file) {
      // An absolute path: the mock accepts it when it is inside the mock's own working folder.
      const reply = (await call(baseUrl, 'POST', `${path}/recording`, { file })) as { file?: string }
      return reply.file ?? file
    },
    close: async () => void (await call(baseUrl, 'DELETE', path)),
  }
}

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(baseUrl + path, {
      method,
      headers: controlHeaders(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
  } catch (error) {
    throw new Error(
      `standin/playwright: the mock at ${baseUrl} did not answer ${method} ${path}: ${(error as Error).message}`,
    )
  }
  const text = await response.text()
  if (!response.ok)
    throw new Error(`standin/playwright: ${method} ${path} answered ${response.status}: ${text}`)
  return text ? JSON.parse(text) : undefined
}

/**
 * A mock started with a control token (`--control-token`, `STANDIN_CONTROL_TOKEN`) answers its control API
 * only with it; the workers inherit `STANDIN_CONTROL_TOKEN` from the config's environment, as the mock does.
 */
function controlHeaders(json: boolean): Record<string, string> {
  const headers: Record<string, string> = json ? { 'content-type': 'application/json' } : {}
  const token = process.env.STANDIN_CONTROL_TOKEN
  if (token) headers['x-standin-token'] = token
  return headers
}
