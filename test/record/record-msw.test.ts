/**
 * Record mode behind MSW: the app's SDK calls the real provider host, MSW hands it to standin, a miss is
 * forwarded to the upstream with the fetch standin loaded with (not MSW's), so standin's own upstream call
 * is not intercepted again even when MSW owns the upstream's host too.
 */
import { setupServer } from 'msw/node'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStandin } from 'standin/internal'
import { standinHandlers } from 'standin/msw'
import { startFakeUpstream, type FakeUpstream } from './fake-upstream'

let fake: FakeUpstream
let dir: string
beforeAll(async () => {
  fake = await startFakeUpstream()
  dir = mkdtempSync(join(tmpdir(), 'standin-msw-record-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

test('a miss recorded through MSW reaches the upstream once, even when MSW owns its host', async () => {
  const mock = createStandin({ fixtures: dir, record: { mode: 'missing', upstreams: { openai: fake.url } } })
  const server = setupServer(...standinHandlers(mock, { baseUrls: [fake.url] }))
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const openai = new OpenAI({ apiKey: 'sk-msw-record-0123456789', maxRetries: 0 })
    const ask = () =>
      openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello msw' }] })
    const first = await ask()
    expect(first.choices[0]!.message.content).toBe('Echo: hello msw')
    expect(fake.requests).toHaveLength(1)
    const second = await ask()
    expect(second.choices[0]!.message.content).toBe('Echo: hello msw')
    expect(fake.requests).toHaveLength(1)
    await mock.recordings.flush()
    expect(readdirSync(join(dir, 'recorded'))).toHaveLength(1)
  } finally {
    server.close()
  }
})

test('a forwarded request that an interceptor hands back to the mock is refused (508), not looped', async () => {
  const mock = createStandin({
    fixtures: dir,
    // MSW's own fetch, looked up at call time: the upstream call is intercepted and comes back to the mock.
    record: {
      mode: 'live',
      upstreams: { openai: fake.url },
      fetch: (input, init) => globalThis.fetch(input, init),
    },
  })
  const server = setupServer(...standinHandlers(mock, { baseUrls: [fake.url] }))
  server.listen({ onUnhandledRequest: 'error' })
  const before = fake.requests.length
  try {
    const openai = new OpenAI({ apiKey: 'sk-msw-record-0123456789', maxRetries: 0 })
    const error = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'loop?' }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(508)
    expect(String((error as Error).message)).toMatch(/came back to a mock.*record\.fetch/)
    expect(fake.requests.length).toBe(before)
  } finally {
    server.close()
  }
})
