/**
 * standin/vitest with tests running at once in one worker (`test.concurrent`, `describe.concurrent`,
 * `sequence.concurrent`): a client built from `standin.url` reaches its own test's session, and a request
 * that names no session is refused and fails every test then running, in standin's words. Runs
 * test/integrations/projects/vitest-concurrent with Vitest in a child process; needs the built package.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { assertionsByTitle, runVitest, type VitestRun } from './run-vitest'

const PROJECT = 'test/integrations/projects/vitest-concurrent'
const REFUSAL =
  /standin: POST \/v1\/chat\/completions names no session while 2 tests run concurrently in this worker/

let run: VitestRun
let sequenceRun: VitestRun
describe('standin/vitest under concurrency', () => {
  beforeAll(async () => {
    run = await runVitest({ root: PROJECT })
    sequenceRun = await runVitest({ root: PROJECT, env: { SEQUENCE_CONCURRENT: '1' } })
  }, 120_000)

  test('every test passes or fails as its name says', () => {
    expect(run.timedOut, run.output).toBe(false)
    expect(run.code, run.output).toBe(1)
    const results = assertionsByTitle(run.report)
    const statuses = [...results].map(([title, result]) => ({ title, status: result.status }))
    expect(statuses).toEqual(
      statuses.map(({ title }) => ({ title, status: title.startsWith('fails:') ? 'failed' : 'passed' })),
    )
    // 3 × test.concurrent, 3 × describe.concurrent, 6 header-less cases that fail (one of them also makes a
    // live call) and 3 that pass.
    expect(run.report.numPassedTests).toBe(9)
    expect(run.report.numFailedTests).toBe(6)
  })

  test('each concurrent test built from standin.url got its own answers, hooks and journal', () => {
    const results = new Map([...assertionsByTitle(run.report), ...assertionsByTitle(sequenceRun.report)])
    expect(sequenceRun.code, sequenceRun.output).toBe(0)
    for (const label of ['test.concurrent', 'describe.concurrent', 'sequence.concurrent']) {
      for (const n of [1, 2, 3]) {
        const title = `passes: ${label} ${n} gets its own answers`
        expect(results.get(title)?.status, `${title}\n${run.output}\n${sequenceRun.output}`).toBe('passed')
      }
    }
  })

  test('a header-less request fails both tests then running, naming them, even when the SDK swallowed the 400', () => {
    const results = assertionsByTitle(run.report)
    const names = [
      '"an SDK that swallows the 400 > fails: the test whose request named no session"',
      '"an SDK that swallows the 400 > fails: the test running beside it"',
    ]
    for (const title of [
      'fails: the test whose request named no session',
      'fails: the test running beside it',
    ]) {
      const messages = results.get(title)!.failureMessages
      expect(messages, title).toHaveLength(1)
      expect(messages[0]).toMatch(REFUSAL)
      for (const name of names) expect(messages[0]).toContain(name)
      expect(messages[0]).toContain("Build the client from the test's own address (standin.url)")
    }
  })

  test('a test both refused and caught making a live call reports both failures, each once', () => {
    const results = assertionsByTitle(run.report)
    const messages = results.get('fails: refused and blocked, both reported')!.failureMessages
    expect(
      messages.filter((message) => REFUSAL.test(message)),
      messages.join('\n'),
    ).toHaveLength(1)
    expect(
      messages.filter((message) => message.includes('standin blocked a live call to api.openai.com')),
      messages.join('\n'),
    ).toHaveLength(1)
    const beside = results.get('fails: the test beside the refused and blocked one')!.failureMessages
    expect(beside).toHaveLength(1)
    expect(beside[0]).toMatch(REFUSAL)
  })

  test('a test whose SDK threw the 400 shows it once; the test beside it fails with the same words', () => {
    const results = assertionsByTitle(run.report)
    const thrown = results.get('fails: the test whose SDK threw')!.failureMessages
    expect(thrown).toHaveLength(1)
    expect(thrown[0]).toMatch(/^Error: 400 standin: /)
    expect(thrown[0]).toMatch(REFUSAL)
    const other = results.get('fails: the other test, though it sent nothing')!.failureMessages
    expect(other).toHaveLength(1)
    expect(other[0]).toMatch(REFUSAL)
  })
})
