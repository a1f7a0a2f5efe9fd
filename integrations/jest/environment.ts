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
  removeUnusedRecording,
  runnerRecording,
  type RunnerRecording,
  type Standin,
  type StandinSession,
} from 'standin/internal'
import { passLiveCallsMode, sandboxLiveCallGuard } from '../live-guard'
import { createJestHandle, STANDIN_JEST_HANDLE, type StandinJest } from './handle'
import { resolveJestOptions, type ResolvedJestOptions, type StandinJestOptions } from './options'
import { recordingFileOfTest } from './recordings'
import { fullTestName, testSessionId } from './test-name'

interface RunningTest {
  session: StandinSession
  name: string
  /** The test's recording file (per-test recordings on). */
  recording: string | undefined
}

export default class StandinEnvironment extends TestEnvironment {
  /** The options after merging `testEnvironmentOptions.standin` with this file's docblock pragmas. */
  readonly standinOptions: ResolvedJestOptions
  /** Per-test recordings: on or off, and the mode (`jest -u` re-records; CI replays). */
  readonly standinRecording: RunnerRecording
  readonly #testPath: string
  #mock?: Standin
  #handle?: StandinJest
  #test?: RunningTest
  #tests = 0

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
      liveCalls,
      ...engine
    } = this.standinOptions
    // The guard lives in the sandbox (its own fetch): standin/jest/setup installs it with this mode.
    passLiveCallsMode(this.global, liveCalls)
    const mock = createStandin({ ...engine, fixtures, record: this.standinRecording.record })
    const server = await mock.listen({ port: 0 })
    this.#mock = mock
    // The sandbox's process.env is a copy made when the environment was built, so it is the one to write.
    if (env !== false) applyProviderEnv(server.url, env, this.global.process.env)
    this.#handle = createJestHandle({
      mock,
      server,
      sandboxJson: this.global.JSON as JSON,
      current: () => this.#test,
    })
    ;(this.global as Record<symbol, unknown>)[STANDIN_JEST_HANDLE] = this.#handle
  }

  override async teardown(): Promise<void> {
    await this.#endTest(false)
    // stop() also waits for recordings still being written.
    await this.#mock?.stop()
    this.#mock = undefined
    await super.teardown()
  }

  /**
   * jest-circus calls this for every event. A test's session spans test_start..test_done, so its
   * beforeEach/afterEach hooks share it; a failing test or per-test hook prints it.
   */
  async handleTestEvent(event: Circus.Event, _state: Circus.State): Promise<void> {
    if (event.name === 'test_start') {
      sandboxLiveCallGuard(this.global)?.begin({ name: fullTestName(event.test) })
      await this.#startTest(event.test)
    } else if (event.name === 'test_fn_failure' || (event.name === 'hook_failure' && event.test))
      this.#printJournal()
    else if (event.name === 'test_done') {
      // A live call fails the test in standin's words, whatever the SDK made of the blocked request.
      const liveCalls = sandboxLiveCallGuard(this.global)?.end(this.global.process.env)
      if (liveCalls) event.test.errors.push(liveCalls)
      await this.#endTest(event.test.errors.length === 0)
    }
  }

  async #startTest(test: Circus.TestEntry): Promise<void> {
    const mock = this.#mock
    if (!mock) return
    await this.#endTest(false)
    const name = fullTestName(test)
    const session = mock.session(testSessionId(++this.#tests, name))
    // Requests that name no session (the app's own SDK calls) belong to the running test.
    mock.useSession(session)
    this.#test = { session, name, recording: undefined }
    if (!this.standinRecording.perTest) return
    const file = recordingFileOfTest(this.#testPath, test)
    try {
      this.#test.recording = session.useRecording(file).file
    } catch (error) {
      // A recording that cannot be read fails its test, with the reason, and only that test.
      test.errors.push(error)
    }
  }

  /**
   * Ends the running test: its recordings land in its file before its session goes. When re-recording
   * (`all`), a test that passed without recording anything no longer needs its old file: it is removed,
   * as `jest -u` removes a snapshot no assertion wrote.
   */
  async #endTest(passed: boolean): Promise<void> {
    const test = this.#test
    if (!test) return
    this.#test = undefined
    const mock = this.#mock
    await mock?.recordings.flush()
    mock?.useSession(undefined)
    test.session.reset()
    test.session.close()
    if (mock) removeUnusedRecording(test.recording, mock.recordings, passed)
  }

  #printJournal(): void {
    const test = this.#test
    if (!test || this.standinOptions.onFailure === 'off') return
    // The sandbox console is the one Jest attaches to this file's results (and silences with --silent).
    this.global.console.error(
      formatJournal(test.session.journal.entries, `standin journal of "${test.name}"`),
    )
  }
}

export { StandinEnvironment }
