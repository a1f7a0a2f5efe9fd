/**
 * Record & replay of WebSocket turns, through the official clients: a mock in record mode whose upstream is
 * a second mock (no internet here) answers each turn no fixture answers from the upstream, writes one
 * fixture per turn where the HTTP recorder writes them, and a fresh mock holding only the recordings replays
 * the same turns to the same clients with the same values, over WebSocket and over HTTP. An upstream that
 * refuses or breaks off mid-turn is the provider's error to the client, a problem in `mock.recordings`, and
 * the mock keeps serving.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Modality } from '@google/genai'
import OpenAI from 'openai'
import type { ResponsesServerEvent } from 'openai/resources/responses/responses'
import { ResponsesWS } from 'openai/resources/responses/ws'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { createStandin, type Standin } from '../../src/internal'
import { filesUnder } from '../record/harness'
import { connectLive } from './live-client'
import { openRealtime, type Realtime } from './realtime-helpers'

const KEY = 'sk-test-ws-recording-key-0123456789'
const GOOGLE_KEY = 'AIza-test-ws-recording-key-0123456789'

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
}

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** A started mock, stopped after the test. */
async function started(mock: Standin): Promise<string> {
  const url = await mock.start()
  cleanup.push(() => mock.stop())
  return url
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-ws-rr-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The upstream: a second mock answering from fixtures, counting the turns it answered. */
async function upstreamMock(setup: (mock: Standin) => void): Promise<{ mock: Standin; url: string }> {
  const mock = createStandin({ strict: true, seed: 'upstream' })
  setup(mock)
  return { mock, url: await started(mock) }
}

async function recordingMock(dir: string, upstreams: Record<string, string>): Promise<Standin> {
  const mock = createStandin({ fixtures: dir, strict: true, record: { mode: 'missing', upstreams } })
  return mock
}

/** Every recording written under `dir`: its text (checked for secrets) and its fixtures. */
function recordings(dir: string) {
  const files = existsSync(join(dir, 'recorded')) ? filesUnder(join(dir, 'recorded')) : []
  const texts = files.map((file) => readFileSync(file, 'utf8'))
  for (const text of texts) {
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(GOOGLE_KEY)
  }
  // One file per turn (named by its words): in the order of the conversation's turns.
  const fixtures = texts
    .flatMap(
      (text) =>
        (JSON.parse(text) as { fixtures: { match: Record<string, any>; response: Record<string, any> }[] })
          .fixtures,
    )
    .sort((a, b) => a.match.turnIndex - b.match.turnIndex)
  return { files, fixtures }
}

const say = (r: Realtime, text: string) =>
  r.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  })

/** A Realtime text turn, then a function call and its tool-result turn, as an app does them. */
async function realtimeScenario(url: string) {
  const r = await openRealtime(url, { apiKey: KEY })
  r.send({
    type: 'session.update',
    session: { type: 'realtime', output_modalities: ['text'], tools: [weatherTool] },
  })
  await r.next('session.updated')
  say(r, 'What time is it?')
  r.send({ type: 'response.create' })
  const first = await r.next('response.done')
  say(r, 'What is the weather in Paris?')
  r.send({ type: 'response.create' })
  const second = await r.next('response.done')
  const call = second.response.output[0]
  r.send({
    type: 'conversation.item.create',
    item: { type: 'function_call_output', call_id: call.call_id, output: '{"sky":"sunny"}' },
  })
  r.send({ type: 'response.create' })
  const third = await r.next('response.done')
  r.rt.close()
  return {
    time: first.response.output[0].content[0].text as string,
    call: { name: call.name, arguments: call.arguments, call_id: call.call_id },
    answer: third.response.output[0].content[0].text as string,
    usage: third.response.usage.output_tokens as number,
    errors: r.events.filter((e) => e.type === 'error'),
  }
}

describe('OpenAI Realtime', () => {
  test('a text turn and a function-call turn are recorded from the upstream, then replayed with no upstream', async () => {
    const upstream = await upstreamMock((mock) => {
      mock.on({ userMessage: 'What time is it?' }, { content: 'It is noon.' })
      mock.on(
        { userMessage: 'What is the weather in Paris?' },
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_upstream_1' }] },
      )
      mock.on({ toolName: 'get_weather', hasToolResult: true }, { content: 'It is sunny in Paris.' })
    })
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: upstream.url })
    const recorded = await realtimeScenario(await started(recorder))
    await recorder.recordings.flush()

    expect(recorded).toMatchObject({
      time: 'It is noon.',
      call: { name: 'get_weather', arguments: '{"city":"Paris"}', call_id: 'call_upstream_1' },
      answer: 'It is sunny in Paris.',
      errors: [],
    })
    expect(recorder.recordings.problems).toEqual([])
    // The upstream answered the three turns on one connection, with the conversation as the client built it.
    const upstreamTurns = upstream.mock.journal.entries.filter((e) => e.method === 'WS')
    expect(upstreamTurns.map((e) => e.response.status)).toEqual([200, 200, 200])
    expect(upstream.mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'What time is it?' },
        { role: 'assistant', text: 'It is noon.' },
        { role: 'user', text: 'What is the weather in Paris?' },
        { role: 'assistant', toolCalls: [{ id: 'call_upstream_1', name: 'get_weather' }] },
        { role: 'tool', toolResult: { toolCallId: 'call_upstream_1', content: '{"sky":"sunny"}' } },
      ],
    })
    // The recorder's journal says where each turn came from.
    const turns = recorder.journal.entries.filter((e) => e.method === 'WS')
    expect(turns).toHaveLength(3)
    for (const turn of turns) expect(turn.response.upstream).toMatchObject({ mode: 'missing', status: 101 })

    // One file per turn, named after the provider and the turn's words, as HTTP recordings are.
    const { files, fixtures } = recordings(dir)
    expect(files.map((file) => file.replace(/^.*[\\/]/, ''))).toEqual([
      expect.stringMatching(/^openai-.*\.json$/),
      expect.stringMatching(/^openai-.*\.json$/),
      expect.stringMatching(/^openai-.*\.json$/),
    ])
    expect(fixtures).toEqual([
      {
        match: expect.objectContaining({
          userMessage: 'What time is it?',
          turnIndex: 0,
          hasToolResult: false,
        }),
        response: expect.objectContaining({ content: 'It is noon.', finishReason: 'stop' }),
        recordedTimings: expect.any(Object),
      },
      {
        match: expect.objectContaining({ userMessage: 'What is the weather in Paris?', turnIndex: 1 }),
        response: expect.objectContaining({
          toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}', id: 'call_upstream_1' }],
          finishReason: 'tool_calls',
        }),
        recordedTimings: expect.any(Object),
      },
      {
        match: expect.objectContaining({ turnIndex: 2, hasToolResult: true }),
        response: expect.objectContaining({ content: 'It is sunny in Paris.' }),
        recordedTimings: expect.any(Object),
      },
    ])
    expect(fixtures[0]!.match.model).toBe('gpt-realtime')

    // Replay: a fresh mock with only the recordings, no upstream configured.
    const replayer = createStandin({ fixtures: dir, strict: true })
    const replayed = await realtimeScenario(await started(replayer))
    expect(replayed).toEqual(recorded)
    expect(replayer.journal.entries.every((e) => e.response.upstream === undefined)).toBe(true)
    expect(upstream.mock.journal.entries.filter((e) => e.method === 'WS')).toHaveLength(3)
  })

  test('a recorded Realtime turn also answers the same question over HTTP (it is an ordinary fixture)', async () => {
    const upstream = await upstreamMock((mock) => mock.on({ userMessage: 'ping' }, { content: 'pong' }))
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: upstream.url })
    const r = await openRealtime(await started(recorder), { apiKey: KEY })
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'ping')
    r.send({ type: 'response.create' })
    await r.next('response.done')
    r.rt.close()
    await recorder.recordings.flush()

    const replayer = createStandin({ fixtures: dir, strict: true })
    const client = new OpenAI({ baseURL: `${await started(replayer)}/v1`, apiKey: 'test', maxRetries: 0 })
    // The recording's match names the Realtime model; the HTTP call asks for it too.
    const completion = await client.chat.completions.create({
      model: 'gpt-realtime',
      messages: [{ role: 'user', content: 'ping' }],
    })
    expect(completion.choices[0]!.message.content).toBe('pong')
  })

  test('a turn a fixture answers is not forwarded, but the upstream is given it before the next recorded turn', async () => {
    const upstream = await upstreamMock((mock) => {
      mock.on({ userMessage: 'first' }, { content: 'upstream first' })
      mock.on({ userMessage: 'second' }, { content: 'upstream second' })
    })
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: upstream.url })
    recorder.on({ userMessage: 'first' }, { content: 'local first' })
    const r = await openRealtime(await started(recorder), { apiKey: KEY })
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'first')
    r.send({ type: 'response.create' })
    const first = await r.next('response.done')
    say(r, 'second')
    r.send({ type: 'response.create' })
    const second = await r.next('response.done')
    r.rt.close()
    await recorder.recordings.flush()

    expect(first.response.output[0].content[0].text).toBe('local first')
    expect(second.response.output[0].content[0].text).toBe('upstream second')
    const upstreamTurns = upstream.mock.journal.entries.filter((e) => e.method === 'WS')
    expect(upstreamTurns.map((e) => e.response.text)).toEqual(['upstream first', 'upstream second'])
    expect(recordings(dir).fixtures.map((f) => f.match.userMessage)).toEqual(['second'])
  })
})

/** One Realtime text turn asking `question`; the answer's text. */
async function askRealtime(url: string, question: string): Promise<string> {
  const r = await openRealtime(url, { apiKey: KEY })
  r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
  say(r, question)
  r.send({ type: 'response.create' })
  const done = await r.next('response.done')
  r.rt.close()
  return done.response.output[0].content[0].text as string
}

describe('record modes', () => {
  test('`all` re-records a turn a recording answers; `live` forwards it and writes nothing', async () => {
    const before = await upstreamMock((mock) => mock.on({ userMessage: 'ping' }, { content: 'pong v1' }))
    const after = await upstreamMock((mock) => mock.on({ userMessage: 'ping' }, { content: 'pong v2' }))
    const dir = tempDir()
    const first = await recordingMock(dir, { openai: before.url })
    expect(await askRealtime(await started(first), 'ping')).toBe('pong v1')
    await first.recordings.flush()

    const missing = await recordingMock(dir, { openai: after.url })
    expect(await askRealtime(await started(missing), 'ping')).toBe('pong v1')
    expect(after.mock.journal.entries).toHaveLength(0)

    const all = createStandin({
      fixtures: dir,
      strict: true,
      record: { mode: 'all', upstreams: { openai: after.url } },
    })
    expect(await askRealtime(await started(all), 'ping')).toBe('pong v2')
    await all.recordings.flush()
    expect(all.recordings.written).toHaveLength(1)
    expect(recordings(dir).fixtures.map((f) => f.response.content)).toEqual(['pong v2'])

    const live = createStandin({
      fixtures: dir,
      strict: true,
      record: { mode: 'live', upstreams: { openai: before.url } },
    })
    expect(await askRealtime(await started(live), 'ping')).toBe('pong v1')
    expect(live.recordings.written).toEqual([])
    expect(live.journal.last()!.response.upstream).toMatchObject({ mode: 'live', status: 101 })
    expect(recordings(dir).fixtures.map((f) => f.response.content)).toEqual(['pong v2'])

    const replayer = createStandin({ fixtures: dir, strict: true })
    expect(await askRealtime(await started(replayer), 'ping')).toBe('pong v2')
  })
})

/** The Responses API over WebSocket through the SDK's `ResponsesWS`: one response's events. */
async function responsesScenario(url: string) {
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 })
  const ws = new ResponsesWS(client)
  const events: ResponsesServerEvent[] = []
  let wake = () => {}
  ws.on('event', (event) => {
    events.push(event)
    wake()
  })
  ws.on('error', () => {})
  const until = async (type: string) => {
    while (!events.some((e) => e.type === type || e.type === 'error'))
      await new Promise<void>((resolve) => (wake = resolve))
  }
  ws.send({ type: 'response.create', model: 'gpt-5.2', input: 'Say hello over a socket', tools: [] })
  await until('response.completed')
  ws.close()
  const completed = events.find((e) => e.type === 'response.completed')
  return {
    text: events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : [])).join(''),
    output: completed?.type === 'response.completed' ? completed.response.output : undefined,
    errors: events.filter((e) => e.type === 'error'),
  }
}

describe('Responses over WebSocket', () => {
  test('a turn is recorded from the upstream, then replayed with no upstream', async () => {
    const upstream = await upstreamMock((mock) =>
      mock.on({ userMessage: 'Say hello over a socket' }, { content: 'Hello from upstream.' }),
    )
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: upstream.url })
    const recorded = await responsesScenario(await started(recorder))
    await recorder.recordings.flush()
    expect(recorder.recordings.problems).toEqual([])
    expect(recorded.text).toBe('Hello from upstream.')
    expect(recorded.errors).toEqual([])

    const { fixtures } = recordings(dir)
    expect(fixtures).toEqual([
      expect.objectContaining({
        match: expect.objectContaining({ userMessage: 'Say hello over a socket', model: 'gpt-5.2' }),
        response: expect.objectContaining({ content: 'Hello from upstream.' }),
      }),
    ])

    const replayer = createStandin({ fixtures: dir, strict: true })
    const replayed = await responsesScenario(await started(replayer))
    expect(replayed).toEqual(recorded)
    expect(upstream.mock.journal.entries.filter((e) => e.method === 'WS')).toHaveLength(1)
  })
})

/** Gemini Live through `@google/genai`'s `live.connect`: a text turn, a toolCall and its toolResponse. */
async function liveScenario(url: string) {
  const live = await connectLive({
    baseUrl: url,
    apiKey: GOOGLE_KEY,
    config: {
      responseModalities: [Modality.TEXT],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
        },
      ],
    },
  })
  const text = (messages: Awaited<ReturnType<typeof live.turn>>) =>
    messages
      .flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
      .map((p) => p.text ?? '')
      .join('')
  live.session.sendClientContent({ turns: 'hello live' })
  const greeting = text(await live.turn())
  live.session.sendClientContent({ turns: 'weather in Rome?' })
  const calling = await live.turn()
  const call = calling.at(-1)!.toolCall!.functionCalls![0]!
  live.session.sendToolResponse({
    functionResponses: [{ id: call.id, name: call.name, response: { output: '21C' } }],
  })
  const answer = text(await live.turn())
  live.session.close()
  return { greeting, call: { id: call.id, name: call.name, args: call.args }, answer }
}

describe('Gemini Live', () => {
  test('a text turn and a function-call turn are recorded from the upstream, then replayed', async () => {
    const upstream = await upstreamMock((mock) => {
      mock.on({ userMessage: 'hello live' }, { content: 'Hello from Gemini upstream.' })
      mock.on(
        { userMessage: 'weather in Rome?' },
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' }, id: 'fc-upstream-1' }] },
      )
      mock.on({ toolResultContains: '21C' }, { content: 'It is 21C in Rome.' })
    })
    const dir = tempDir()
    const recorder = await recordingMock(dir, { gemini: upstream.url })
    const recorded = await liveScenario(await started(recorder))
    await recorder.recordings.flush()
    expect(recorder.recordings.problems).toEqual([])
    expect(recorded).toEqual({
      greeting: 'Hello from Gemini upstream.',
      call: { id: 'fc-upstream-1', name: 'get_weather', args: { city: 'Rome' } },
      answer: 'It is 21C in Rome.',
    })
    const { fixtures } = recordings(dir)
    expect(fixtures.map((f) => [f.match.userMessage, f.match.hasToolResult])).toEqual([
      ['hello live', false],
      ['weather in Rome?', false],
      ['weather in Rome?', true],
    ])
    expect(fixtures[1]!.response.toolCalls).toEqual([
      { name: 'get_weather', arguments: '{"city":"Rome"}', id: 'fc-upstream-1' },
    ])

    const replayer = createStandin({ fixtures: dir, strict: true })
    const replayed = await liveScenario(await started(replayer))
    expect(replayed).toEqual(recorded)
    expect(upstream.mock.journal.entries.filter((e) => e.method === 'WS')).toHaveLength(3)
  })
})

describe('an upstream that fails', () => {
  test('refused: the Realtime client gets an error event, the problem is recorded, the mock keeps serving', async () => {
    // An upstream that answers every upgrade with 401.
    const refusing = new WebSocketServer({
      port: 0,
      verifyClient: (_info, done) => done(false, 401, 'no key'),
    })
    cleanup.push(() => new Promise<void>((resolve) => refusing.close(() => resolve())))
    await new Promise<void>((resolve) => refusing.once('listening', () => resolve()))
    const port = (refusing.address() as { port: number }).port
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: `http://127.0.0.1:${port}` })
    recorder.on({ userMessage: 'local' }, { content: 'still here' })
    const url = await started(recorder)
    const r = await openRealtime(url, { apiKey: KEY })
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'unrecorded question')
    r.send({ type: 'response.create' })
    const error = await r.next('error')
    expect(error.error).toMatchObject({
      type: 'upstream_error',
      code: 'upstream_error',
      message: expect.stringMatching(
        /^standin record: the upstream refused the connection: HTTP 401.*\(ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime/,
      ),
    })
    expect(recorder.recordings.problems).toEqual([expect.stringContaining('HTTP 401')])
    expect(recorder.recordings.problems.join()).not.toContain(KEY)
    expect(recorder.journal.last()!.response).toMatchObject({
      status: 502,
      upstream: { status: 0, error: expect.stringContaining('HTTP 401') },
    })
    // The connection and the server live on: a fixture still answers on the same socket.
    say(r, 'local')
    r.send({ type: 'response.create' })
    const done = await r.next('response.done')
    expect(done.response.output[0].content[0].text).toBe('still here')
    r.rt.close()
    expect(recordings(dir).files).toEqual([])
  })

  test('unreachable: the Responses client gets an error event with status 502, the problem is recorded', async () => {
    // A port nothing listens on any more.
    const gone = new WebSocketServer({ port: 0 })
    await new Promise<void>((resolve) => gone.once('listening', () => resolve()))
    const port = (gone.address() as { port: number }).port
    await new Promise<void>((resolve) => gone.close(() => resolve()))
    const dir = tempDir()
    const recorder = await recordingMock(dir, { openai: `http://127.0.0.1:${port}` })
    const result = await responsesScenario(await started(recorder))
    expect(result.text).toBe('')
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'error',
        status: 502,
        error: expect.objectContaining({
          type: 'upstream_error',
          code: 'upstream_error',
          message: expect.stringMatching(/^standin record: the upstream could not be reached: ECONNREFUSED/),
        }),
      }),
    ])
    expect(recorder.recordings.problems).toEqual([expect.stringContaining('ECONNREFUSED')])
    expect(recorder.journal.last()!.response).toMatchObject({
      status: 502,
      error: { type: 'upstream_error' },
    })
  })

  test('closed mid-turn: the Live session closes with 1011 and the reason, the problem is recorded, the mock keeps serving', async () => {
    // An upstream that completes setup, then closes as soon as a turn is asked for.
    const breaking = new WebSocketServer({ port: 0 })
    cleanup.push(() => new Promise<void>((resolve) => breaking.close(() => resolve())))
    breaking.on('connection', (socket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>
        if (message.setup) socket.send(JSON.stringify({ setupComplete: {} }))
        else {
          socket.send(JSON.stringify({ serverContent: { modelTurn: { parts: [{ text: 'Half an ' }] } } }))
          socket.close(1011, 'upstream fell over')
        }
      })
    })
    await new Promise<void>((resolve) => breaking.once('listening', () => resolve()))
    const port = (breaking.address() as { port: number }).port
    const dir = tempDir()
    const recorder = await recordingMock(dir, { gemini: `http://127.0.0.1:${port}` })
    const url = await started(recorder)
    const live = await connectLive({
      baseUrl: url,
      apiKey: GOOGLE_KEY,
      config: { responseModalities: [Modality.TEXT] },
    })
    live.session.sendClientContent({ turns: 'will break' })
    const closed = await live.closed
    expect(closed.code).toBe(1011)
    expect(closed.reason).toMatch(
      /^standin record: the upstream closed the connection mid-turn \(1011: upstream fell over\)/,
    )
    expect(recorder.recordings.problems).toEqual([expect.stringContaining('upstream fell over')])
    expect(recorder.recordings.problems.join()).not.toContain(GOOGLE_KEY)
    expect(recordings(dir).files).toEqual([])
    // The server lives: a new session is served.
    recorder.on({ userMessage: 'again' }, { content: 'Served.' })
    const again = await connectLive({
      baseUrl: url,
      apiKey: GOOGLE_KEY,
      config: { responseModalities: [Modality.TEXT] },
    })
    again.session.sendClientContent({ turns: 'again' })
    const turn = await again.turn()
    again.session.close()
    expect(turn.flatMap((m) => m.serverContent?.modelTurn?.parts ?? []).map((p) => p.text)).toEqual([
      'Served.',
    ])
  })
})
