/**
 * The tests running at once in this worker, and where requests that name no session go. One test: they
 * are its (clients built from `OPENAI_BASE_URL` and the other provider variables). Several
 * (`test.concurrent`, `describe.concurrent`, `sequence.concurrent`): such a request could be any of
 * theirs, so the mock refuses it with a 400 that names them, and each of those tests fails with that
 * message when it ends, even if the SDK swallowed the 400. Requests sent to a test's own address
 * (`standin.url`) or with its header always reach that test.
 * @module
 */
import type { WorkerState } from './worker-state'

export interface RunningTest {
  /** The test's task id, which is its session id. */
  readonly id: string
  /** The test's name with its describe blocks, as the refusal names it. */
  readonly title: string
  /** The first refusal of a header-less request while this test ran. */
  refusal?: string
}

const running = new WeakMap<WorkerState, Map<string, RunningTest>>()

function testsOf(state: WorkerState): Map<string, RunningTest> {
  let tests = running.get(state)
  if (!tests) running.set(state, (tests = new Map()))
  return tests
}

/** Registers a test that starts (from the first `beforeEach`). */
export function testStarted(state: WorkerState, id: string, title: string): RunningTest {
  const test: RunningTest = { id, title }
  testsOf(state).set(id, test)
  route(state)
  return test
}

/** Unregisters a test that ended; returns the refusal it must fail with, if any. */
export function testFinished(state: WorkerState, test: RunningTest): string | undefined {
  testsOf(state).delete(test.id)
  route(state)
  return test.refusal
}

/**
 * The error that fails a test a refusal happened beside, unless one of its own errors already says it
 * (the SDK threw the 400). Only standin's words: no stack frames from standin's files.
 */
export function refusalError(refusal: string | undefined, errors: readonly string[]): Error | undefined {
  if (refusal === undefined || errors.some((message) => message.includes(refusal))) return undefined
  const error = new Error(refusal)
  error.stack = `Error: ${refusal}`
  return error
}

/** Points header-less requests at the one running test, or refuses them while several run. */
function route(state: WorkerState): void {
  const running = testsOf(state)
  const { mock } = state
  if (running.size > 1) {
    const tests = [...running.values()]
    // Refused requests are journaled in the default session, in no test's journal.
    mock.useSession()
    mock.refuseHeaderless(
      tests.map((test) => test.title),
      (message) => {
        for (const test of tests) test.refusal ??= message
      },
    )
    return
  }
  mock.refuseHeaderless()
  // One test (the usual case): no list made of it.
  mock.useSession(running.size === 1 ? running.keys().next().value : undefined)
}
