/**
 * One session per test: its id is the test's task id, its journal is printed when the test fails (unless
 * a failure message already shows it), and it is cleared when the test ends.
 * @module
 */
import type { StandinSession } from 'standin/internal'
import { engine } from '../engine'
import type { WorkerState } from './worker-state'

/** The running test's session (created on first use). Header-less requests: see ./running-tests. */
export function testSession(state: WorkerState, taskId: string): StandinSession {
  return state.mock.session(taskId)
}

export interface TestOutcome {
  failed: boolean
  /** The test's full name, for the printed journal's title. */
  title: string
  /** The messages of the test's errors: a matcher's failure message already shows the journal. */
  errors: readonly string[]
}

/** Prints the journal of a failed test (that test's entries only), then forgets the session. */
export function closeTestSession(state: WorkerState, session: StandinSession, outcome: TestOutcome): void {
  if (outcome.failed && state.options.onFailure !== 'off' && !journalShown(session, outcome.errors)) {
    // console.log inside the test's hooks is reported under that test (and in JUnit <system-out>).
    console.log(engine().formatJournal(session.journal.entries, `standin journal of "${outcome.title}"`))
  }
  // close() forgets the session whole (its fixtures, journal, match and protocol state, rate window): a
  // reset() first would clear the same things twice.
  session.close()
}

/**
 * True when a failure message (a standin matcher's) already holds the whole journal: printing it again
 * would show every request twice. A journal that grew after that assertion is printed.
 */
function journalShown(session: StandinSession, errors: readonly string[]): boolean {
  const journal = engine().formatJournal(session.journal.entries)
  return errors.some((message) => message.includes(journal))
}
