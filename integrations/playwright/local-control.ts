/**
 * Sessions on a mock running in this worker (worker mode): no HTTP hop, and functions (response
 * factories, match predicates) work.
 * @module
 */
import type { Standin } from 'standin/internal'
import { engine } from '../engine'
import type { SessionBackend, StandinControl } from './session-backend'

export function localControl(mock: Standin): StandinControl {
  return { baseUrl: mock.url, open: async (id) => openLocalSession(mock, id) }
}

function openLocalSession(mock: Standin, id: string): SessionBackend {
  const session = mock.session(id)
  // Tests in a worker run one at a time, so requests that name no session (an app started per worker
  // without propagation, a browser calling the mock directly) belong to the running test.
  mock.useSession(session)
  let recording: string | undefined
  return {
    baseUrl: mock.url,
    on: async (match, response, opts) => void session.on(match, response, opts),
    add: async (entries) => void session.add(entries),
    journal: async () => session.journal.entries,
    fixtures: () => session.fixtures,
    reset: async () => session.reset(),
    async useRecording(file) {
      recording = session.useRecording(file).file
      return recording
    },
    async close(passed = false) {
      // Recordings still being written land in this session's file before the session goes.
      await mock.recordings.flush()
      mock.useSession()
      session.reset()
      session.close()
      engine().removeUnusedRecording(recording, mock.recordings, passed)
    },
  }
}
