/**
 * The setup file the plugin adds (one run per test file, in its worker): starts the worker's mock on
 * port 0, sets the provider variables, registers the matchers, and gives each test its own session.
 * @module
 */
import { createRequire } from 'node:module'
import { afterAll, beforeEach, expect, inject, test } from 'vitest'
import { engine } from '../engine'
import {
  OPTIONS_KEY,
  REUSED_WORKER_KEY,
  SHARED_URL_KEY,
  UPDATE_KEY,
  USAGE_KEY,
  type StandinVitestOptions,
} from './options'
import type { StandinSession } from 'standin/internal'
import {
  ALLOW_LIVE_CALLS_WORDS,
  startLiveCallGuard,
  type InterceptorModules,
  type LiveCallGuard,
} from '../live-guard'
import { finishTestRecording, useTestRecording } from './recordings'
import { refusalError, testFinished, testStarted, type RunningTest } from './running-tests'
import { closeTestSession, testSession } from './test-session'
import { shareRunnerApi } from './runner-api'
import { matchers } from './vitest-matchers'
import {
  currentWorker,
  requireWorker,
  startWorker,
  stopWorker,
  updatesSnapshots,
  type WorkerState,
} from './worker-state'

// Keys read untyped: the `ProvidedContext` augmentation ships with the public entry only.
const provided = inject as (key: string) => unknown
const options = (provided(OPTIONS_KEY) as StandinVitestOptions | undefined) ?? {}
const liveGuard = startLiveCallGuard(options.liveCalls, {
  words: ALLOW_LIVE_CALLS_WORDS,
  loadSync: requireInterceptors(),
})
// The guard, once installed: `ready` holds the test file back until then, so every test reads it without
// an await.
let guard: LiveCallGuard | undefined
const ready = Promise.all([
  startWorker(
    options,
    provided(SHARED_URL_KEY) as string | undefined,
    updatesSnapshots(provided(UPDATE_KEY) as boolean | undefined),
  ),
  liveGuard.then((installed) => {
    guard = installed
  }),
])

expect.extend(matchers)
shareRunnerApi({ test, expect })

// Destructured: Vitest reads a hook's first parameter to learn which fixtures it uses. It reads the whole
// function's source (and scans it char by char for comments), so the hook is a one-line call.
beforeEach(({ task, onTestFinished }) => beginTest(task, onTestFinished))

type TestContext = Parameters<Parameters<typeof beforeEach>[0]>[0]
type Task = TestContext['task']

/** What a test began with, for its one onTestFinished callback. */
interface BegunTest {
  readonly task: Task
  readonly state: WorkerState
  readonly session: StandinSession
  readonly running: RunningTest
  readonly recording: string | undefined
  readonly guard: LiveCallGuard | undefined
}

// Synchronous, and one onTestFinished callback per test (not one for the guard and one for the session):
// the per-test cost is what users of many small tests feel.
function beginTest(task: Task, onTestFinished: TestContext['onTestFinished']): void {
  // A live call fails the test from the end callback: onTestFinished callbacks that throw mark it failed.
  guard?.begin({ name: task.fullName })
  const state = requireWorker()
  const session = testSession(state, task.id)
  const running = testStarted(state, task.id, task.fullTestName ?? task.name)
  // Registered before the test file's own hooks, so even their requests replay and record here.
  const recording = useTestRecording(state, session, task)
  const begun: BegunTest = { task, state, session, running, recording, guard }
  // onTestFinished runs after every afterEach hook and fixture teardown, so user hooks still see the
  // session, and the result is final.
  onTestFinished(() => endTest(begun))
}

/**
 * Ends the test's session, then its guarded span. Only a mode that forwards (not `replay`) can have
 * recordings still being written: those land in this session's file before the session goes (the one
 * await, else none).
 */
function endTest(begun: BegunTest): void | Promise<void> {
  const { state } = begun
  if (state.mock.recordMode === 'replay') return closeTest(begun)
  // flush() waits with allSettled: it does not reject.
  return state.mock.recordings.flush().then(() => closeTest(begun))
}

function closeTest(begun: BegunTest): void {
  const { task, state, session, running, recording } = begun
  const refusal = testFinished(state, running)
  const errors = (task.result?.errors ?? []).map((error) => String(error.message))
  const failed = task.result?.state === 'fail'
  const problems: unknown[] = []
  settle(() => closeTestSession(state, session, { failed, title: task.fullName, errors }), problems)
  settle(() => finishTestRecording(state, recording, !failed && refusal === undefined), problems)
  // Thrown here, a refused request fails the test in standin's words, even if the SDK swallowed the 400.
  const refused = refusalError(refusal, errors)
  if (refused) problems.push(refused)
  // The guard's span ends last, as its callback (registered first) ran last.
  const live = begun.guard?.end()
  if (live) problems.push(live)
  if (problems.length === 1) throw problems[0]
  // Vitest reports each error of an AggregateError as its own, as when each came from its own callback.
  if (problems.length > 1) throw new AggregateError(problems, 'standin: the test failed in several ways')
}

/** Runs `step`; what it throws goes to `problems`, and the next step still runs. */
function settle(step: () => void, problems: unknown[]): void {
  try {
    step()
  } catch (error) {
    problems.push(error)
  }
}

// With isolated files (the default) the worker ends with the file: close the port now. A worker reused
// across files keeps its mock (and port) and only forgets this file's sessions and journal; the pool
// ends the process or thread when the run is over.
afterAll(async () => {
  const mock = currentWorker()?.mock
  // Counts so far (cumulative: a reused worker writes again after each file) for the usage report.
  if (mock) engine().writeWorkerUsage(provided(USAGE_KEY) as string | undefined, mock)
  if (provided(REUSED_WORKER_KEY) !== true) return stopWorker()
  await mock?.recordings.flush()
  mock?.reset()
})

/**
 * Node's `require` for the interceptors, so the guard loads them only if a test needs them (see
 * live-guard/lazy-interception). Only in the worker's own realm: in the vm pools a test file runs in a
 * context of its own, which modules loaded by Node's `require` would not patch; there the guard imports
 * them as before (which fails, and says so).
 */
function requireInterceptors(): (() => InterceptorModules) | undefined {
  const require = createRequire(import.meta.url)
  const vm = require('node:vm') as typeof import('node:vm')
  if (vm.runInThisContext('globalThis') !== globalThis) return undefined
  return () => [require('@mswjs/interceptors/ClientRequest'), require('@mswjs/interceptors/fetch')]
}

/**
 * Vitest awaits the import of each setup file before importing the test file. Exporting `then` makes
 * that import wait until the mock listens and the variables are set, so SDK clients created when the
 * test file loads already point at the mock. (Top-level await would say the same, but this file is also
 * built as CommonJS, which cannot hold it.)
 */
export function then(resolve: (value: undefined) => void, reject: (reason: unknown) => void): void {
  ready.then(() => resolve(undefined), reject)
}
