/**
 * How record mode behaves around the happy path, through @anthropic-ai/sdk against the fake upstream:
 * upstream errors (relayed, recorded only when asked, then replayed as the same SDK error), a client that
 * goes away mid-stream, an upstream that breaks mid-stream, the `live` and `all` modes, a requestTransform
 * that makes a volatile message replay, a configured upstream key, the journal's upstream note, and the 502s
 * for a provider with no upstream and for an upstream that cannot be reached.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI, { AzureOpenAI } from 'openai'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createStandin, type Standin, type StandinOptions } from '../../src'
import type { CanonicalRequest } from '../../src/canonical'
import { startFakeUpstream, type FakeUpstream } from './fake-upstream'
import { filesUnder, TEST_KEY } from './harness'

const MODEL = 'claude-opus-4-6'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  vi.unstubAllEnvs()
})

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-rb-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function fake(script?: Parameters<typeof startFakeUpstream>[0]): Promise<FakeUpstream> {
  const upstream = await startFakeUpstream(script)
  cleanups.push(() => upstream.close())
  return upstream
}

/** A started mock; stopped after the test. */
async function mock(options: StandinOptions): Promise<{ mock: Standin; url: string }> {
  const standin = createStandin({ strict: true, ...options })
  const url = await standin.start()
  cleanups.push(() => standin.stop())
  return { mock: standin, url }
}

const recording = (dir: string, upstream: FakeUpstream, extra: Record<string, unknown> = {}) => ({
  fixtures: dir,
  record: { mode: 'missing' as const, upstreams: { anthropic: upstream.url }, ...extra },
})

const anthropic = (url: string, apiKey = TEST_KEY) => new Anthropic({ baseURL: url, apiKey, maxRetries: 0 })
const ask = (url: string, content: string, apiKey?: string) =>
  anthropic(url, apiKey).messages.create({
    model: MODEL,
    max_tokens: 100,
    messages: [{ role: 'user', content }],
  })

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

const written = (dir: string) => {
  try {
    return filesUnder(join(dir, 'recorded'))
  } catch {
    return []
  }
}

describe('upstream errors', () => {
  test('are relayed with their status and body, and not recorded by default', async () => {
    const upstream = await fake({ error: { status: 429 } })
    const dir = scratch()
    const { mock: recorder, url } = await mock(recording(dir, upstream))
    const error = await rejection(ask(url, 'hello'))
    expect(error).toBeInstanceOf(Anthropic.RateLimitError)
    expect(error.status).toBe(429)
    expect(error.error).toEqual({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit.',
      },
      request_id: expect.stringMatching(/^req_011C/),
    })
    // The upstream's own headers come along.
    expect(error.requestID).toMatch(/^req_011C/)
    await recorder.recordings.flush()
    expect(written(dir)).toEqual([])
    expect(recorder.recordings.written).toEqual([])
    expect(recorder.journal.last()!.response.upstream).toMatchObject({ status: 429 })
    expect(recorder.journal.last()!.response.upstream).not.toHaveProperty('file')
    // Nothing was recorded, so the same request goes upstream again.
    await rejection(ask(url, 'hello'))
    expect(upstream.requests).toHaveLength(2)
  })

  test('with recordErrors they are recorded, and replay as the same SDK error and status', async () => {
    const upstream = await fake({ error: { status: 529 } })
    const dir = scratch()
    const { mock: recorder, url } = await mock(recording(dir, upstream, { recordErrors: true }))
    const recorded = await rejection(ask(url, 'are you there?'))
    await recorder.stop()
    expect(written(dir)).toHaveLength(1)
    const file = JSON.parse(readFileSync(written(dir)[0]!, 'utf8'))
    expect(file.fixtures[0].response).toMatchObject({ status: 529, error: { type: 'overloaded_error' } })

    const { url: replayUrl } = await mock({ fixtures: dir })
    const replayed = await rejection(ask(replayUrl, 'are you there?'))
    expect(upstream.requests).toHaveLength(1)
    expect(recorded).toBeInstanceOf(Anthropic.InternalServerError)
    expect(replayed.constructor).toBe(recorded.constructor)
    expect(replayed.status).toBe(529)
    expect(replayed.error.error).toEqual(recorded.error.error)
    expect(replayed.error.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' })
  })
})

describe('streams that do not finish', () => {
  test('a client that aborts mid-stream leaves no recording, and the journal says why', async () => {
    const upstream = await fake({ slow: 100 })
    const dir = scratch()
    const { mock: recorder, url } = await mock(recording(dir, upstream))
    const controller = new AbortController()
    const stream = anthropic(url).messages.stream(
      {
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
      },
      { signal: controller.signal },
    )
    const seen: string[] = []
    const aborted = rejection(
      (async () => {
        for await (const event of stream) {
          seen.push(event.type)
          if (event.type === 'content_block_delta') controller.abort()
        }
      })(),
    )
    expect(await aborted).toBeInstanceOf(Anthropic.APIUserAbortError)
    expect(seen).toContain('content_block_delta')
    expect(seen).not.toContain('message_stop')
    // Resolves once the relay has let go of the upstream and decided not to record.
    await recorder.recordings.flush()
    expect(written(dir)).toEqual([])
    expect(recorder.recordings.written).toEqual([])
    expect(recorder.journal.last()!.response.upstream?.error).toBe(
      'the client went away before the stream ended: nothing recorded',
    )
    // The client's own choice is no recording problem.
    expect(recorder.recordings.problems).toEqual([])
  })

  test('an upstream that breaks mid-stream fails the client and records nothing, saying why', async () => {
    const upstream = await fake({ cutAfter: 4 })
    const dir = scratch()
    const { mock: recorder, url } = await mock(recording(dir, upstream))
    const stream = anthropic(url).messages.stream({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
    })
    const error = await rejection(stream.finalMessage())
    expect(error).toBeInstanceOf(Error)
    await recorder.recordings.flush()
    expect(written(dir)).toEqual([])
    const why = recorder.journal.last()!.response.upstream?.error
    expect(why).toMatch(/^the upstream broke off its stream: .+; nothing recorded$/)
    expect(recorder.recordings.problems).toEqual([why])
  })
})

describe('modes', () => {
  test('live relays and writes nothing: the same request goes upstream every time', async () => {
    const upstream = await fake()
    const dir = scratch()
    const { mock: live, url } = await mock({
      fixtures: dir,
      record: { mode: 'live', upstreams: { anthropic: upstream.url } },
    })
    const first = await ask(url, 'live one')
    const second = await ask(url, 'live one')
    expect(first.content).toEqual([{ type: 'text', text: 'Echo: live one' }])
    expect(second.content).toEqual(first.content)
    expect(upstream.requests).toHaveLength(2)
    await live.recordings.flush()
    expect(written(dir)).toEqual([])
    expect(live.journal.last()!.response.upstream).toMatchObject({ mode: 'live', status: 200 })
    expect(live.journal.last()!.response.upstream).not.toHaveProperty('file')
  })

  test('all re-records: the second run forwards again and replaces the file instead of adding to it', async () => {
    const upstream = await fake({ text: 'first answer' })
    const dir = scratch()
    const { mock: first, url } = await mock(recording(dir, upstream))
    await ask(url, 'record me')
    await first.stop()
    const [file] = written(dir)
    expect(JSON.parse(readFileSync(file!, 'utf8')).fixtures).toHaveLength(1)

    upstream.script = { text: 'second answer' }
    const { mock: again, url: againUrl } = await mock({
      fixtures: dir,
      record: { mode: 'all', upstreams: { anthropic: upstream.url } },
    })
    const message = await ask(againUrl, 'record me')
    await again.stop()
    expect(message.content).toEqual([{ type: 'text', text: 'second answer' }])
    expect(upstream.requests).toHaveLength(2)
    expect(written(dir)).toEqual([file])
    const fixtures = JSON.parse(readFileSync(file!, 'utf8')).fixtures
    expect(fixtures).toHaveLength(1)
    expect(fixtures[0].response.content).toBe('second answer')
  })
})

describe('requestTransform', () => {
  const STAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g
  const normalise = (request: CanonicalRequest): CanonicalRequest =>
    request.kind === 'chat'
      ? {
          ...request,
          messages: request.messages.map((m) => ({ ...m, text: m.text.replace(STAMP, '<now>') })),
        }
      : request

  test('a timestamp normalised in the user message lets a later run with another timestamp replay', async () => {
    const upstream = await fake()
    const dir = scratch()
    const { mock: recorder, url } = await mock({ ...recording(dir, upstream), requestTransform: normalise })
    await ask(url, 'what changed since 2026-01-01T10:00:00Z?')
    await recorder.stop()
    const file = JSON.parse(readFileSync(written(dir)[0]!, 'utf8'))
    expect(file.fixtures[0].match.userMessage).toBe('what changed since <now>?')

    const { url: replayUrl } = await mock({ fixtures: dir, requestTransform: normalise })
    const replayed = await ask(replayUrl, 'what changed since 2026-03-14T15:09:26Z?')
    expect(replayed.content).toEqual([
      { type: 'text', text: 'Echo: what changed since 2026-01-01T10:00:00Z?' },
    ])
    expect(upstream.requests).toHaveLength(1)

    // Without the transform the other timestamp is another request: a strict miss.
    const { url: plainUrl } = await mock({ fixtures: dir })
    const miss = await rejection(ask(plainUrl, 'what changed since 2026-03-14T15:09:26Z?'))
    expect(miss.status).toBe(503)
  })
})

describe('credentials and the journal', () => {
  test('a configured key replaces the client’s dummy upstream and is never written', async () => {
    const REAL = 'sk-ant-api03-real-upstream-key-0123456789'
    const upstream = await fake((request) =>
      // An error that repeats the key it was given, as some providers' 401s do.
      (request.body as { messages?: Array<{ content: string }> }).messages?.[0]?.content === 'leak it'
        ? { error: { status: 401, message: `invalid x-api-key: ${String(request.headers['x-api-key'])}` } }
        : undefined,
    )
    const dir = scratch()
    const { mock: recorder, url } = await mock({
      fixtures: dir,
      record: {
        mode: 'missing',
        upstreams: { anthropic: upstream.url },
        keys: { anthropic: REAL },
        recordErrors: true,
      },
    })
    const message = await ask(url, 'hello with the real key', 'dummy-key-for-tests')
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hello with the real key' }])
    const leaked = await rejection(ask(url, 'leak it', 'dummy-key-for-tests'))
    expect(leaked.status).toBe(401)
    await recorder.stop()
    for (const request of upstream.requests) {
      expect(request.headers['x-api-key']).toBe(REAL)
      expect(request.headers.authorization).toBeUndefined()
      expect(JSON.stringify(request.headers)).not.toContain('dummy-key-for-tests')
    }
    const files = written(dir)
    expect(files).toHaveLength(2)
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n')
    expect(text).toContain('invalid x-api-key: ')
    expect(text).not.toContain(REAL)
    expect(text).not.toContain('dummy-key-for-tests')
  })

  test('the journal entry of a forwarded request names the upstream and the file written', async () => {
    const upstream = await fake()
    const dir = scratch()
    const { mock: recorder, url } = await mock(recording(dir, upstream))
    await ask(url, 'journal me')
    await recorder.recordings.flush()
    const [file] = written(dir)
    const entry = recorder.journal.last()!
    expect(entry.fixture).toBeNull()
    expect(entry.response.upstream).toEqual({
      mode: 'missing',
      url: `${upstream.url}/v1/messages`,
      status: 200,
      file: expect.any(String),
    })
    expect(resolve(entry.response.upstream!.file!)).toBe(file)
    expect(recorder.recordings.written).toEqual([file])
  })
})

describe('when the upstream cannot be used', () => {
  test('a provider with no upstream configured (Azure) gets a 502 in its own shape naming the flag and variable', async () => {
    vi.stubEnv('STANDIN_UPSTREAM_AZURE', '')
    const dir = scratch()
    const { mock: recorder, url } = await mock({ fixtures: dir, record: { mode: 'missing' } })
    const azure = new AzureOpenAI({
      endpoint: url,
      apiKey: TEST_KEY,
      apiVersion: '2024-10-21',
      deployment: 'my-gpt',
      maxRetries: 0,
    })
    const error = await rejection(
      azure.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
    )
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error.status).toBe(502)
    expect(error.message).toContain('--provider-azure')
    expect(error.message).toContain('STANDIN_UPSTREAM_AZURE')
    // Azure's error shape: {error: {code, message}}.
    expect(error.error).toMatchObject({ message: expect.stringContaining('no upstream for azure') })
    expect(recorder.journal.last()!.response.upstream).toMatchObject({ status: 0 })
    expect(written(dir)).toEqual([])
  })

  test('an unreachable upstream (a closed port) gives a 502 naming the URL', async () => {
    const server = createServer()
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((done) => server.close(() => done()))
    const closed = `http://127.0.0.1:${port}`
    const dir = scratch()
    const { mock: recorder, url } = await mock({
      fixtures: dir,
      record: { mode: 'missing', upstreams: { anthropic: closed } },
    })
    const error = await rejection(ask(url, 'anyone there?'))
    expect(error).toBeInstanceOf(Anthropic.APIError)
    expect(error.status).toBe(502)
    expect(error.error.error.message).toContain(`${closed}/v1/messages`)
    expect(error.error.error.message).toMatch(/could not be reached: ECONNREFUSED/)
    expect(recorder.journal.last()!.response.upstream).toMatchObject({
      status: 0,
      url: `${closed}/v1/messages`,
      error: expect.stringContaining('ECONNREFUSED'),
    })
    expect(written(dir)).toEqual([])
  })
})
