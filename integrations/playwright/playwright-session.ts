/**
 * The `standin` handle a test receives: async fixture methods and journal over a session backend.
 * @module
 */
import { engine } from '../engine'
import type { SessionBackend } from './session-backend'
import type { StandinPlaywrightSession } from './types'
import { routeBrowser } from './route-browser'

export function playwrightSession(id: string, backend: SessionBackend): StandinPlaywrightSession {
  const headers = { [engine().STANDIN_SESSION_HEADER]: id }
  return {
    id,
    baseUrl: backend.baseUrl,
    url: `${backend.baseUrl}/_s/${encodeURIComponent(id)}`,
    headers,
    on: (match, response, opts) => backend.on(match, response, opts),
    add: (entries) => backend.add(Array.isArray(entries) ? entries : entries.fixtures),
    journal: () => backend.journal(),
    reset: () => backend.reset(),
    routeBrowser: (target, from) => routeBrowser(target, from, { baseUrl: backend.baseUrl, headers }),
    snapshot: async () => ({
      entries: await backend.journal(),
      fixtures: backend.fixtures(),
      label: `session ${id}`,
    }),
  }
}
