/**
 * The live-call guard and record mode: the recorder forwards misses upstream on purpose, marked with
 * `x-standin-forwarded`, so the guard lets those through even when the recorder's fetch is the intercepted
 * one and the upstream is a real provider host; the test's own call to that host is still blocked.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src/index'
import {
  ALLOW_LIVE_CALLS_WORDS,
  installLiveCallGuard,
  type LiveCallGuard,
} from '../../integrations/live-guard'
import { startFakeUpstream, type FakeUpstream } from '../record/fake-upstream'

let guard: LiveCallGuard
let upstream: FakeUpstream
const mocks: Standin[] = []

beforeAll(async () => {
  guard = await installLiveCallGuard({ mode: 'fail', words: ALLOW_LIVE_CALLS_WORDS })
  upstream = await startFakeUpstream()
})
afterAll(async () => {
  guard.dispose()
  await upstream.close()
  await Promise.all(mocks.map((mock) => mock.stop()))
})

/** A recording mock whose recorder uses the global fetch as it is now: the guard's. */
async function recordingMock(openaiUpstream: string): Promise<string> {
  const mock = createStandin({
    fixtures: mkdtempSync(join(tmpdir(), 'standin-guard-')),
    record: { mode: 'live', upstreams: { openai: openaiUpstream }, fetch: globalThis.fetch },
  })
  mocks.push(mock)
  return mock.start()
}

const ask = (baseURL: string) =>
  new OpenAI({ baseURL, apiKey: 'sk-test', maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hello' }],
  })

test('forwards to a local upstream pass and are answered', async () => {
  guard.begin({ name: 'local upstream' })
  const url = await recordingMock(upstream.url)
  const completion = await ask(`${url}/v1`)
  expect(completion.choices[0]?.message.content).toBe('Echo: hello')
  expect(guard.end()).toBeUndefined()
})

test('forwards to the real provider host pass the guard (and fail offline), the test own call does not', async () => {
  guard.begin({ name: 'real upstream' })
  const url = await recordingMock('https://api.openai.com')
  // The forward went out (no DNS here): the recorder's 502, not the guard's 403.
  await expect(ask(`${url}/v1`)).rejects.toMatchObject({ status: 502 })
  expect(guard.end()).toBeUndefined()

  guard.begin({ name: 'direct call' })
  await expect(ask('https://api.openai.com/v1')).rejects.toMatchObject({ status: 403 })
  expect(guard.end()?.message).toContain('standin blocked a live call to api.openai.com')
})
