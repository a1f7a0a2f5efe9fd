/**
 * One session per test: its id is the test's task id, header-less requests from the code under test
 * land in it, its journal is printed when the test fails, and it is cleared when the test ends.
 * @module
 */
import { formatJournal, type StandinSession } from 'standin/internal'
import type { WorkerState } from './worker-state'

/** The running test's session (created on first use) and the mock's fallback for header-less requests. */
export function openTestSession(state: WorkerState, taskId: string): StandinSession {
  const session = state.mock.session(taskId)
  state.mock.useSession(session)
  return session
}

export interface TestOutcome {
  failed: boolean
  /** The test's full name, for the printed journal's title. */
  title: string
}

/** Prints the journal of a failed test (that test's entries only), then forgets the session. */
export function closeTestSession(state: WorkerState, session: StandinSession, outcome: TestOutcome): void {
  if (outcome.failed && state.options.onFailure !== 'off') {
    // console.log inside the test's hooks is reported under that test (and in JUnit <system-out>).
    console.log(formatJournal(session.journal.entries, `standin journal of "${outcome.title}"`))
  }
  // Concurrent tests: another test may have taken the fallback since; leave it to that test.
  if (state.mock.currentSession === session.id) state.mock.useSession()
  session.reset()
  session.close()
}
