/**
 * The live-call guard in each runner, driven as users run them: a test that sends a request to a real
 * provider host fails in standin's words (host, redacted URL, likely cause), `allowLiveCalls()` lets one
 * through (it then fails offline with the network error), MSW answering the real host in-process is not a
 * live call, and `liveCalls: 'off'` or `STANDIN_LIVE_CALLS` turn the guard off. Needs the built package.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { assertionsByName, runJest } from './run-jest'
import { runPlaywright } from './playwright-run'
import { assertionsByTitle, runVitest, type VitestRun } from './run-vitest'

const VITEST_PROJECT = 'test/integrations/projects/vitest-live-calls'
const JEST_CONFIG = 'test/integrations/projects/jest-live-calls/jest.config.js'
const LATE_HTTPS_CONFIG = 'test/integrations/projects/jest-late-https/jest.config.js'
const PLAYWRIGHT_CONFIG = 'test/integrations/projects/playwright-live-calls/playwright.config.ts'

describe('live-call guard in Vitest', () => {
  let run: VitestRun
  beforeAll(async () => {
    run = await runVitest({ root: VITEST_PROJECT })
  }, 120_000)

  const failure = (title: string) => {
    const assertion = assertionsByTitle(run.report).get(title)
    expect(assertion, run.output).toBeDefined()
    expect(assertion!.status).toBe('failed')
    return assertion!.failureMessages.join('\n')
  }
  const passed = (title: string) =>
    expect(assertionsByTitle(run.report).get(title)?.status, run.output).toBe('passed')

  test('an OpenAI client with an explicit baseURL fails its test in standin words', () => {
    const message = failure('explicit openai baseURL is blocked')
    expect(message).toContain('standin blocked a live call to api.openai.com')
    expect(message).toContain('POST https://api.openai.com/v1/chat/completions (fetch)')
    expect(message).toMatch(/openai: OPENAI_BASE_URL, which standin set to http:\/\/127\.0\.0\.1:\d+\/v1/)
    expect(message).toContain('allowLiveCalls()')
    expect(message).not.toContain('sk-live-secret')
  })

  test('node:https requests are caught too, with credentials in the query redacted', () => {
    const message = failure('explicit anthropic client over node:https is blocked')
    expect(message).toContain('POST https://api.anthropic.com/v1/messages?key=[redacted] (node:http)')
    expect(message).not.toContain('secret-in-query')
    expect(failure('anthropic sdk with an explicit baseURL is blocked')).toContain('ANTHROPIC_BASE_URL')
  })

  test('allowLiveCalls() lets a test through, and the mock itself is never a live call', () => {
    passed('allowLiveCalls lets the request out (and it fails offline)')
    passed('the mock itself is not a live call')
  })

  test('requests MSW answers in-process are not live calls, across two listen/close rounds', () => {
    for (const round of [1, 2]) {
      passed(`msw answers api.openai.com over fetch (round ${round})`)
      passed(`msw answers api.openai.com over node:https (round ${round})`)
      expect(failure(`a host msw does not handle is still a live call (round ${round})`)).toContain(
        'standin blocked a live call to api.mistral.ai',
      )
    }
  })

  test("liveCalls: 'off' and STANDIN_LIVE_CALLS=warn leave tests alone", async () => {
    const [off, warn] = await Promise.all([
      runVitest({ root: VITEST_PROJECT, args: ['guard.spec.ts'], env: { LIVE_CALLS: 'off' } }),
      runVitest({ root: VITEST_PROJECT, args: ['guard.spec.ts'], env: { STANDIN_LIVE_CALLS: 'warn' } }),
    ])
    // Unguarded, the requests go to the network and fail offline: the node:https test fails with DNS.
    const byTitle = assertionsByTitle(off.report)
    expect(
      byTitle.get('explicit anthropic client over node:https is blocked')?.failureMessages.join(),
      off.output,
    ).toMatch(/ENOTFOUND|EAI_AGAIN/)
    expect(off.output).not.toContain('standin blocked')
    expect(warn.output).toContain("standin let a live call to api.openai.com go out (liveCalls: 'warn')")
    expect(
      assertionsByTitle(warn.report)
        .get('explicit anthropic client over node:https is blocked')
        ?.failureMessages.join(),
    ).toMatch(/ENOTFOUND|EAI_AGAIN/)
  }, 120_000)
})

describe('live-call guard in Jest', () => {
  test('blocks fetch and node:https in every file of a worker, and allowLiveCalls() lets one test through', async () => {
    const run = await runJest({ config: JEST_CONFIG, args: ['--runInBand'] })
    const byName = assertionsByName(run.report)
    const failed = (name: string) => {
      expect(byName.get(name)?.status, run.stderr).toBe('failed')
      return byName.get(name)!.failureMessages.join('\n')
    }
    expect(failed('explicit openai baseURL is blocked')).toContain(
      'POST https://api.openai.com/v1/chat/completions (fetch)',
    )
    expect(failed('explicit anthropic client over node:https is blocked')).toContain(
      'POST https://api.anthropic.com/v1/messages?key=[redacted] (node:http)',
    )
    expect(byName.get('allowLiveCalls lets the request out (and it fails offline)')?.status).toBe('passed')
    expect(byName.get('the mock itself is not a live call')?.status).toBe('passed')
  }, 120_000)

  test('catches node:https that a test requires after the guard started (loaded late)', async () => {
    const run = await runJest({ config: LATE_HTTPS_CONFIG, args: ['--runInBand'] })
    const byName = assertionsByName(run.report)
    expect(byName.get('node:https is not loaded when the file starts')?.status, run.stderr).toBe('passed')
    const blocked = byName.get('a provider call over node:https required inside a test is blocked')
    expect(blocked?.status, run.stderr).toBe('failed')
    expect(blocked?.failureMessages.join('\n')).toContain(
      'POST https://api.openai.com/v1/chat/completions (node:http)',
    )
  }, 120_000)
})

describe('live-call guard in Playwright (the test process)', () => {
  test("fails the test from the fixture's teardown; test.use({ standinLiveCalls: 'off' }) lets one through", async () => {
    const run = await runPlaywright(PLAYWRIGHT_CONFIG)
    const outcome = (title: string) => run.results.find((result) => result.title === title)
    expect(outcome('explicit openai baseURL is blocked')?.status, run.output).toBe('failed')
    expect(outcome('node:https to anthropic is blocked')?.status, run.output).toBe('failed')
    expect(run.output).toContain('GET https://api.openai.com/v1/models (fetch)')
    expect(run.output).toContain('POST https://api.anthropic.com/v1/messages (node:http)')
    expect(run.output).toContain("test.use({ standinLiveCalls: 'off' })")
    expect(outcome('with standinLiveCalls off › the request goes out (and fails offline)')?.status).toBe(
      'passed',
    )
  }, 120_000)
})
