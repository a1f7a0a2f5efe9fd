/**
 * `test`: Playwright's `test` with the standin fixtures. Worker scope: the mock (this worker's, or the
 * shared one from `standinWebServer()`); test scope: the test's session, propagated to the browser.
 * @module
 */
import { dirname, resolve } from 'node:path'
import { test as base, type WorkerInfo } from '@playwright/test'
import { runnerRecording, USAGE_DIR_ENV } from 'standin/internal/runners'
import { engine } from '../engine'
import { attachJournal } from './attach-journal'
import { installPropagation } from './install-propagation'
import { localControl } from './local-control'
import { playwrightSession } from './playwright-session'
import { remoteControl } from './remote-control'
import { liveCallsMode, startLiveCallGuard, type OptOutWords } from '../live-guard'
import type {
  StandinTestFixtures,
  StandinTestOptions,
  StandinWorkerFixtures,
  StandinWorkerOptions,
} from './types'

/**
 * Import it instead of `@playwright/test`'s `test`.
 * @example
 * import { test, expect } from 'standin/playwright'
 * test('agent UI calls search', async ({ page, standin }) => {
 *   await standin.on({ userMessage: 'weather' }, { toolCalls: [{ name: 'search', arguments: { query: 'weather in Paris' } }] })
 *   await page.goto('/')
 *   await page.getByRole('button', { name: 'Send' }).click()
 *   await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * })
 */
export const test = base.extend<
  StandinTestOptions & StandinTestFixtures,
  StandinWorkerOptions & StandinWorkerFixtures
>({
  standinMode: [process.env.STANDIN_URL ? 'shared' : 'worker', { scope: 'worker', option: true }],
  standinFixtures: [undefined, { scope: 'worker', option: true }],
  standinEngine: [{}, { scope: 'worker', option: true }],
  standinConfig: [undefined, { scope: 'worker', option: true }],
  standinRecord: [undefined, { scope: 'worker', option: true }],
  standinPropagation: ['cookie', { option: true }],
  standinAttach: ['retain-on-failure', { option: true }],
  standinLiveCalls: ['fail', { option: true }],

  standinServer: [
    async (
      { standinMode, standinFixtures, standinEngine, standinConfig, standinRecord },
      use,
      workerInfo,
    ) => {
      if (standinMode !== 'worker') return use(undefined)
      // The engine loads here, in a worker that runs a mock: the runner's main process (which imports this
      // file to collect the tests) and shared-mode workers never load it for this.
      const { applyProviderEnv, createStandin, writeWorkerUsage } = engine()
      const update = ['all', 'changed'].includes(workerInfo.config.updateSnapshots)
      const mock = createStandin({
        ...standinEngine,
        fixtures: fixturePaths(standinFixtures, workerInfo),
        config: fixturePaths(standinConfig, workerInfo)?.[0],
        record: runnerRecording(standinRecord, { update }).record,
      })
      const server = await mock.listen({ port: 0 })
      // The worker's own SDK clients (and apps it starts) find the mock through the usual variables.
      const restoreEnv = applyProviderEnv(server.url)
      try {
        await use({ url: server.url, port: server.port, mock })
      } finally {
        restoreEnv()
        // This worker's counts, for the fixture-usage report (`standin/playwright/reporter` names the folder).
        writeWorkerUsage(process.env[USAGE_DIR_ENV], mock)
        // stop() also waits for recordings still being written.
        await mock.stop()
      }
    },
    { scope: 'worker', title: 'standin server', box: true },
  ],

  standinControl: [
    async ({ standinServer }, use) => {
      if (standinServer) return use(localControl(standinServer.mock))
      // Shared mode: the engine (recording paths, matchers, the journal page) loads once per worker here,
      // outside any test's timeout and before a test's live-call guard wraps fetch.
      engine()
      const url = process.env.STANDIN_URL
      if (!url) {
        throw new Error(
          "standin/playwright: STANDIN_URL is not set. Put standinWebServer() first in webServer, or use standinMode: 'worker'.",
        )
      }
      await use(await remoteControl(url))
    },
    { scope: 'worker', box: true },
  ],

  standinSessionId: [
    async ({}, use, testInfo) => use(`${testInfo.testId}-r${testInfo.retry}`),
    { box: true },
  ],

  standin: [
    async ({ standinControl, standinSessionId, standinAttach, standinRecord }, use, testInfo) => {
      const backend = await standinControl.open(standinSessionId)
      try {
        // Like a snapshot: beside the spec, named by the test's describe titles and title.
        if (standinRecord !== false)
          await backend.useRecording(engine().recordingFileOf(testInfo.file, testInfo.titlePath.slice(1)))
        await use(playwrightSession(standinSessionId, backend))
        await attachJournal(testInfo, standinAttach, () => backend.journal())
      } finally {
        await backend.close(testInfo.status === 'passed')
      }
    },
    // Auto: every test has its session (and its recording), whether or not it names the fixture.
    { title: 'standin session', auto: true },
  ],

  standinLiveCallGuard: [
    async ({ standinLiveCalls }, use, testInfo) => {
      const guard = await startLiveCallGuard(standinLiveCalls, { words: PLAYWRIGHT_LIVE_CALLS_WORDS })
      guard?.begin({ name: testInfo.titlePath.slice(1).join(' > '), mode: liveCallsMode(standinLiveCalls) })
      await use()
      // Thrown from the teardown: the test fails in standin's words, whatever its SDK made of the 403.
      const error = guard?.end()
      if (error) throw error
    },
    { auto: true, box: true, title: 'standin live-call guard' },
  ],

  // Every browser context carries the session, so the app can tell which test a request belongs to.
  context: async ({ context, standinPropagation, standinSessionId, baseURL }, use) => {
    await installPropagation(context, { mode: standinPropagation, session: standinSessionId, baseURL })
    await use(context)
  },
})

const PLAYWRIGHT_LIVE_CALLS_WORDS: OptOutWords = {
  perTest: "test.use({ standinLiveCalls: 'off' })",
  option: "set standinLiveCalls: 'warn' or 'off' in the config's use",
}

function fixturePaths(fixtures: string | string[] | undefined, workerInfo: WorkerInfo): string[] | undefined {
  if (fixtures === undefined) return undefined
  const base = workerInfo.config.configFile ? dirname(workerInfo.config.configFile) : process.cwd()
  return [fixtures].flat().map((path) => resolve(base, path))
}
