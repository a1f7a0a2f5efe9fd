/**
 * `standin/jest/environment`: a Node test environment with one standin mock per test file, listening on
 * port 0. Provider variables are set in `setup()`, before the test file loads (SDK clients built at module
 * load read them), every test runs in its own session, and a failing test's journal is printed.
 * @example
 * // jest.config.js (or let withStandin() write these lines)
 * module.exports = {
 *   testEnvironment: 'standin/jest/environment',
 *   testEnvironmentOptions: { standin: { fixtures: './fixtures' } },
 *   setupFilesAfterEnv: ['standin/jest/setup'],
 * }
 * @module
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment'
import type { Circus } from '@jest/types'
import { TestEnvironment } from 'jest-environment-node'
import {
  applyProviderEnv,
  createStandin,
  formatJournal,
  matchers as coreMatchers,
  removeUnusedRecording,
  runnerRecording,
  type RunnerRecording,
  type Standin,
  USAGE_DIR_ENV,
  writeWorkerUsage,
  testRecordingsNeeded,
} from 'standin/internal'
import { ALLOW_LIVE_CALLS_WORDS, sandboxLiveCallGuard, startLiveCallGuard } from '../live-guard'
import { createJestHandle, STANDIN_JEST_HANDLE, type StandinJest } from './handle'
import { jestMatchers } from './jest-matchers'
import { toSandboxError } from './realm'
import { STANDIN_JEST_SANDBOX, type JestSandboxApi } from './sandbox-api'
import { resolveJestOptions, type ResolvedJestOptions, type StandinJestOptions } from './options'
import { recordingFileOfTest } from './recordings'
import { isRefusal, RunningTests, type RunningTest } from './running-tests'
import { fullTestName, testSessionId } from './test-name'

export default class StandinEnvironment extends TestEnvironment {
  /** The options after merging `testEnvironmentOptions.standin` with this file's docblock pragmas. */
  readonly standinOptions: ResolvedJestOptions
  /** Per-test recordings: on or off, and the mode (`jest -u` re-records; CI replays). */
  readonly standinRecording: RunnerRecording
  readonly #testPath: string
  #mock?: Standin
  #handle?: StandinJest
  #running?: RunningTests
  #tests = 0
  /** Whether this file's tests need their recording files (see `testRecordingsNeeded`), once known. */
  #recordingsNeeded: boolean | undefined

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context)
    const { projectConfig } = config
    this.standinOptions = resolveJestOptions({
      options: projectConfig.testEnvironmentOptions['standin'] as StandinJestOptions | undefined,
      rootDir: projectConfig.rootDir,
      testPath: context.testPath,
      pragmas: context.docblockPragmas,
    })
    this.#testPath = context.testPath
    const { globalConfig } = config
    this.standinRecording = runnerRecording(this.standinOptions.record, {
      update: globalConfig.updateSnapshot === 'all',
      ci: globalConfig.ci,
    })
  }

  /** The handle `standin()` returns in this file (set once `setup()` has run). */
  get standin(): StandinJest | undefined {
    return this.#handle
  }

  override async setup(): Promise<void> {
    await super.setup()
    const {
      fixtures,
      env,
      onFailure: _onFailure,
      record: _record,
      unusedFixtures: _unused,
      liveCalls,
      ...engine
    } = this.standinOptions
    const sandbox = this.global
    // standin/jest/setup, in the sandbox, takes its matchers and live-call guard from here (made in this
    // realm, whose modules Node keeps across files); the guard watches the sandbox's own fetch.
    const api: JestSandboxApi = {
      matchers: jestMatchers(coreMatchers, sandbox),
      startLiveCallGuard: (load) =>
        startLiveCallGuard(liveCalls, {
          words: ALLOW_LIVE_CALLS_WORDS,
          loadSync: load,
          registry: sandbox,
          // The sandbox's require('https') is this realm's: node:https loads when a test needs it.
          httpsWhenRequired: true,
          // The sandbox console is the one Jest attaches to this file's results.
          warn: (message) => sandbox.console.warn(message),
        }),
      stopLiveCallGuard: () => sandboxLiveCallGuard(sandbox)?.dispose(),
    }
    Reflect.set(sandbox, STANDIN_JEST_SANDBOX, api)
    const mock = createStandin({ ...engine, fixtures, record: this.standinRecording.record })
    const server = await mock.listen({ port: 0 })
    this.#mock = mock
    // The sandbox's process.env is a copy made when the environment was built, so it is the one to write.
    if (env !== false) applyProviderEnv(server.url, env, this.global.process.env)
    const running = new RunningTests({ mock, open: (entry) => this.#openTest(mock, entry) })
    this.#running = running
    this.#handle = createJestHandle({
      mock,
      server,
      sandboxJson: this.global.JSON as JSON,
      current: () => running.current(),
    })
    ;(this.global as Record<symbol, unknown>)[STANDIN_JEST_HANDLE] = this.#handle
  }

  override async teardown(): Promise<void> {
    for (const entry of this.#running?.all() ?? []) await this.#endTest(entry, false)
    // This file's counts, for the fixture-usage report (the reporter names the run's folder).
    if (this.#mock) writeWorkerUsage(process.env[USAGE_DIR_ENV], this.#mock)
    // stop() also waits for recordings still being written.
    await this.#mock?.stop()
    this.#mock = undefined
    await super.teardown()
  }

  /**
   * jest-circus calls this for every event. A test's session spans test_start..test_done, so a plain
   * test's beforeEach/afterEach hooks share it; a failing test's journal is printed at test_done, once.
   */
  async handleTestEvent(event: Circus.Event, state: Circus.State): Promise<void> {
    const running = this.#running
    if (!running) return
    if (event.name === 'run_start') running.bindConcurrent(state.rootDescribeBlock)
    else if (event.name === 'test_start') {
      sandboxLiveCallGuard(this.global)?.begin({ name: fullTestName(event.test) })
      running.start(event.test)
    } else if (event.name === 'test_started') running.run(event.test)
    else if (event.name === 'test_done') {
      // A live call fails the test in standin's words, whatever the SDK made of the blocked request.
      const liveCalls = sandboxLiveCallGuard(this.global)?.end(this.global.process.env)
      if (liveCalls) event.test.errors.push(toSandboxError(this.global, liveCalls))
      await this.#endTest(event.test, true)
    }
    // A skipped or todo test gets test_start but no test_done.
    else if (event.name === 'test_skip' || event.name === 'test_todo') await this.#endTest(event.test, false)
  }

  #openTest(mock: Standin, entry: Circus.TestEntry): RunningTest {
    const name = fullTestName(entry)
    const session = mock.session(testSessionId(++this.#tests, name))
    const test: RunningTest = { entry, session, name, recording: undefined }
    if (!this.standinRecording.perTest) return test
    this.#recordingsNeeded ??= testRecordingsNeeded(this.standinRecording.mode, this.#testPath)
    if (!this.#recordingsNeeded) return test
    try {
      test.recording = session.useRecording(recordingFileOfTest(this.#testPath, entry)).file
    } catch (error) {
      // A recording that cannot be read fails its test, with the reason, and only that test.
      entry.errors.push(error)
    }
    return test
  }

  /**
   * Ends a test: its journal is printed if it failed, its recordings land in its file before its session
   * goes. When re-recording (`all`), a test that passed without recording anything no longer needs its old
   * file: it is removed, as `jest -u` removes a snapshot no assertion wrote.
   */
  async #endTest(entry: Circus.TestEntry, ran: boolean): Promise<void> {
    const test = this.#running?.end(entry)
    if (!test) return
    // A test that did not run keeps its recording.
    const passed = ran && entry.errors.length === 0
    if (ran && !passed) this.#printJournal(test)
    const mock = this.#mock
    await mock?.recordings.flush()
    // close() forgets the session whole (as a reset() would, and the session itself): one pass, not two.
    test.session.close()
    if (mock) removeUnusedRecording(test.recording, mock.recordings, passed)
  }

  /**
   * Prints a failed test's journal, unless a failure message (a standin matcher's) already shows it, or
   * the test failed only because a header-less request was refused (that request is in no test's journal).
   */
  #printJournal(test: RunningTest): void {
    const { errors } = test.entry
    if (this.standinOptions.onFailure === 'off' || errors.some(showsJournal) || errors.every(isRefusal))
      return
    // The sandbox console is the one Jest attaches to this file's results (and silences with --silent).
    this.global.console.error(
      formatJournal(test.session.journal.entries, `standin journal of "${test.name}"`),
    )
  }
}

/** standin's matchers end their failure message with the journal (see `formatJournal`). */
function showsJournal(error: Circus.TestError): boolean {
  const thrown: unknown = Array.isArray(error) ? error[0] : error
  const message =
    typeof thrown === 'object' && thrown !== null && 'message' in thrown ? String(thrown.message) : ''
  return /^standin journal(?: \(\d+ requests?\):|: no requests reached the mock)/m.test(message)
}

export { StandinEnvironment }
