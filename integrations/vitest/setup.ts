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
import { ALLOW_LIVE_CALLS_WORDS, startLiveCallGuard, type InterceptorModules } from '../live-guard'
import { finishTestRecording, useTestRecording } from './recordings'
import { refusalError, testFinished, testStarted } from './running-tests'
import { closeTestSession, testSession } from './test-session'
import { shareRunnerApi } from './runner-api'
import { matchers } from './vitest-matchers'
import { currentWorker, requireWorker, startWorker, stopWorker, updatesSnapshots } from './worker-state'

// Keys read untyped: the `ProvidedContext` augmentation ships with the public entry only.
const provided = inject as (key: string) => unknown
const options = (provided(OPTIONS_KEY) as StandinVitestOptions | undefined) ?? {}
const liveGuard = startLiveCallGuard(options.liveCalls, {
  words: ALLOW_LIVE_CALLS_WORDS,
  loadSync: requireInterceptors(),
})
const ready = Promise.all([
  startWorker(
    options,
    provided(SHARED_URL_KEY) as string | undefined,
    updatesSnapshots(provided(UPDATE_KEY) as boolean | undefined),
  ),
  liveGuard,
])

expect.extend(matchers)
shareRunnerApi({ test, expect })

// Destructured: Vitest reads a hook's first parameter to learn which fixtures it uses. It reads the whole
// function's source (and scans it char by char for comments), so the hook is a one-line call.
beforeEach(({ task, onTestFinished }) => beginTest(task, onTestFinished))

type TestContext = Parameters<Parameters<typeof beforeEach>[0]>[0]

async function beginTest(
  task: TestContext['task'],
  onTestFinished: TestContext['onTestFinished'],
): Promise<void> {
  // A live call fails the test from here: onTestFinished callbacks that throw mark it failed.
  const guard = await liveGuard
  guard?.begin({ name: task.fullName })
  onTestFinished(() => {
    const error = guard?.end()
    if (error) throw error
  })
  const state = requireWorker()
  const session = testSession(state, task.id)
  const running = testStarted(state, task.id, task.fullTestName ?? task.name)
  // Registered before the test file's own hooks, so even their requests replay and record here.
  const recording = useTestRecording(state, session, task)
  // onTestFinished runs after every afterEach hook and fixture teardown, so user hooks still see the
  // session, and the result is final.
  onTestFinished(async () => {
    const refusal = testFinished(state, running)
    const errors = (task.result?.errors ?? []).map((error) => String(error.message))
    const failed = task.result?.state === 'fail'
    // Recordings still being written land in this session's file before the session goes.
    await state.mock.recordings.flush()
    closeTestSession(state, session, { failed, title: task.fullName, errors })
    finishTestRecording(state, recording, !failed && refusal === undefined)
    // Thrown here, a refused request fails the test in standin's words, even if the SDK swallowed the 400.
    const refused = refusalError(refusal, errors)
    if (refused) throw refused
  })
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
