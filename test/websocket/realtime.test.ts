/**
 * OpenAI Realtime through the openai SDK's WebSocket client (`openai/realtime/ws`, GA; `openai/beta/realtime/ws`
 * for the beta names), pointed at the mock by base URL.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, matchers, spokenAudio, type Standin } from '../../src/internal'
import { openRealtime, typesFrom, type Realtime } from './realtime-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
    toHaveServedFixture(id: string): T
    toHaveNoUnmatchedRequests(): T
  }
}
expect.extend(matchers)

let mock: Standin
let url: string
const open: Realtime[] = []
async function start(options: Parameters<typeof createStandin>[0] = {}) {
  mock = createStandin({ strict: false, ...options })
  url = await mock.start()
}
async function connect(options: Parameters<typeof openRealtime>[1] = {}) {
  const realtime = await openRealtime(url, options)
  open.push(realtime)
  return realtime
}
afterEach(async () => {
  for (const r of open.splice(0)) r.rt.close()
  await mock?.stop()
})

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
}

function say(r: Realtime, text: string) {
  r.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  })
}

describe('OpenAI Realtime (GA) through the SDK client', () => {
  test('a text turn: the output items, parts and text deltas the SDK types name, then response.done with usage', async () => {
    await start()
    mock.on({ userMessage: 'hello' }, { content: 'Hi there, how can I help you today?' }, { chunkSize: 10 })
    const r = await connect()
    expect(r.events[0]).toMatchObject({
      type: 'session.created',
      session: { type: 'realtime', model: 'gpt-realtime' },
    })
    r.send({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'], instructions: 'Be brief.' },
    })
    expect((await r.next('session.updated')).session).toMatchObject({
      output_modalities: ['text'],
      instructions: 'Be brief.',
    })
    say(r, 'hello there')
    const created = await r.next('conversation.item.created')
    expect(created.item).toMatchObject({ type: 'message', role: 'user', status: 'completed' })
    r.send({ type: 'response.create' })
    const done = await r.next('response.done')
    expect(done.response).toMatchObject({ status: 'completed', output_modalities: ['text'] })
    expect(done.response.output[0]).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Hi there, how can I help you today?' }],
    })
    expect(done.response.usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
    })
    expect(done.response.usage.total_tokens).toBe(
      done.response.usage.input_tokens + done.response.usage.output_tokens,
    )
    const types = typesFrom(r.events, 'response.created')
    expect(types.slice(0, 5)).toEqual([
      'response.created',
      // As the real server does, at the start of every response (see test/websocket/rate-limits.test.ts).
      'rate_limits.updated',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
    ])
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(4)
    expect(types.slice(-5)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'conversation.item.done',
      'response.done',
    ])
    const deltas = r.events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('')
    expect(deltas).toBe('Hi there, how can I help you today?')
    expect(mock).toHaveReceivedMessage('hello there', { role: 'user' })
    expect(mock.journal.last()).toMatchObject({
      method: 'WS',
      surface: 'openai.realtime',
      path: '/v1/realtime?model=gpt-realtime',
    })
    expect(mock.journal.last()!.request).toMatchObject({
      kind: 'chat',
      system: 'Be brief.',
      model: 'gpt-realtime',
    })
  })

  test("a function call, the app's function_call_output and the follow-up answer (the tool-result turn)", async () => {
    await start()
    mock.on(
      { userMessage: 'weather in Paris' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { id: 'call-weather' },
    )
    mock.on(
      { toolName: 'get_weather', hasToolResult: true },
      { content: 'It is sunny in Paris.' },
      { id: 'weather-answer' },
    )
    const r = await connect()
    r.send({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'], tools: [weatherTool] },
    })
    await r.next('session.updated')
    say(r, 'What is the weather in Paris?')
    r.send({ type: 'response.create' })
    const args = await r.next('response.function_call_arguments.done')
    expect(args).toMatchObject({
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      call_id: expect.stringMatching(/^call_/),
    })
    const first = await r.next('response.done')
    expect(first.response.output[0]).toMatchObject({
      type: 'function_call',
      status: 'completed',
      name: 'get_weather',
      call_id: args.call_id,
    })
    r.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: args.call_id, output: '{"sky":"sunny"}' },
    })
    await r.next('conversation.item.done')
    r.send({ type: 'response.create' })
    const second = await r.next('response.done')
    expect(second.response.output[0].content[0].text).toBe('It is sunny in Paris.')
    expect(mock).toHaveCalledTool('get_weather')
    expect(mock).toHaveServedFixture('call-weather')
    expect(mock).toHaveServedFixture('weather-answer')
    expect(mock).toHaveNoUnmatchedRequests()
    const followUp = mock.journal.last()!.request as { messages: { role: string; toolResult?: unknown }[] }
    expect(followUp.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool'])
  })
})

describe('audio', () => {
  test('an audio turn: the spoken input is matched by its transcript; transcript and PCM16 deltas of 10 ms a character', async () => {
    await start()
    mock.on({ userMessage: 'what time is it' }, { content: 'It is noon.' }, { chunkSize: 4 })
    const r = await connect()
    r.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        output_modalities: ['audio'],
        audio: { input: { transcription: { model: 'whisper-1' } } },
      },
    })
    const updated = await r.next('session.updated')
    expect(updated.session.audio.output).toMatchObject({
      voice: 'alloy',
      format: { type: 'audio/pcm', rate: 24000 },
    })
    r.send({ type: 'input_audio_buffer.append', audio: spokenAudio('what time is it') })
    r.send({ type: 'input_audio_buffer.commit' })
    const committed = await r.next('input_audio_buffer.committed')
    const transcription = await r.next('conversation.item.input_audio_transcription.completed')
    expect(transcription).toMatchObject({ item_id: committed.item_id, transcript: 'what time is it' })
    r.send({ type: 'response.create' })
    const done = await r.next('response.done')
    expect(done.response.output[0].content).toEqual([{ type: 'output_audio', transcript: 'It is noon.' }])
    const transcript = r.events.filter((e) => e.type === 'response.output_audio_transcript.delta')
    expect(transcript.map((e) => e.delta).join('')).toBe('It is noon.')
    const audio = r.events.filter((e) => e.type === 'response.output_audio.delta')
    expect(audio).toHaveLength(transcript.length)
    const pcm = Buffer.concat(audio.map((e) => Buffer.from(e.delta, 'base64')))
    expect(pcm.length).toBe('It is noon.'.length * 480)
    // PCM16: a tone, not silence, and within 16-bit range.
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2)
    expect(Math.max(...samples)).toBeGreaterThan(0)
    expect(typesFrom(r.events, 'response.output_audio.done').slice(0, 2)).toEqual([
      'response.output_audio.done',
      'response.output_audio_transcript.done',
    ])
    expect(mock).toHaveReceivedMessage('what time is it', { role: 'user' })
  })

  test("a fixture's own audio is sent as the audio deltas, byte for byte, in step with the transcript", async () => {
    await start()
    const audio = Buffer.from(Array.from({ length: 9_998 }, (_, i) => (i * 7) % 256))
    mock.on({}, { content: 'Recorded answer.', audio: audio.toString('base64') }, { chunkSize: 3 })
    const r = await connect()
    say(r, 'play it')
    r.send({ type: 'response.create' })
    await r.next('response.done')
    const deltas = r.events.filter((e) => e.type === 'response.output_audio.delta')
    expect(deltas.length).toBeGreaterThan(1)
    expect(Buffer.concat(deltas.map((e) => Buffer.from(e.delta, 'base64')))).toEqual(audio)
    // Whole PCM16 samples in every delta.
    for (const e of deltas) expect(Buffer.from(e.delta, 'base64').length % 2).toBe(0)
  })

  test('audio that is not spoken by spokenAudio() has an empty transcript; a fixture can match the turn by its index', async () => {
    await start()
    mock.on({ turnIndex: 0 }, { content: 'I heard you.' })
    const r = await connect()
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    r.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(4800 * 2).toString('base64') })
    r.send({ type: 'input_audio_buffer.commit' })
    const item = await r.next('conversation.item.done')
    expect(item.item.content).toEqual([{ type: 'input_audio', transcript: null }])
    r.send({ type: 'response.create' })
    expect((await r.next('response.done')).response.output[0].content[0].text).toBe('I heard you.')
  })

  test('committing less than 100 ms of audio is an error; clear empties the buffer', async () => {
    await start()
    const r = await connect()
    r.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(960).toString('base64') })
    r.send({ type: 'input_audio_buffer.commit', event_id: 'ev_1' })
    const error = await r.next('error')
    expect(error.error).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'ev_1' })
    r.send({ type: 'input_audio_buffer.clear' })
    await r.next('input_audio_buffer.cleared')
  })
})

describe('cancel, misses, chaos and cut-offs', () => {
  test('response.cancel stops a paced response: response.done with status cancelled', async () => {
    await start()
    mock.on({}, { content: 'word '.repeat(200) }, { chunkSize: 5, latency: 20 })
    const r = await connect()
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'talk a lot')
    r.send({ type: 'response.create' })
    await r.next('response.output_text.delta')
    r.send({ type: 'response.cancel' })
    const done = await r.next('response.done')
    expect(done.response).toMatchObject({
      status: 'cancelled',
      status_details: { type: 'cancelled', reason: 'client_cancelled' },
    })
    expect(done.response.output[0].status).toBe('incomplete')
    const deltas = r.events.filter((e) => e.type === 'response.output_text.delta')
    expect(deltas.length).toBeLessThan(200)
    // Nothing is running any more: a second cancel has nothing to cancel.
    r.send({ type: 'response.cancel' })
    expect((await r.next('error')).error.code).toBe('response_cancel_not_active')
  })

  test('a strict miss: the error event, then close 1008; the journal keeps the miss', async () => {
    await start({ strict: true })
    const r = await connect()
    say(r, 'nothing matches this')
    r.send({ type: 'response.create' })
    const error = await r.next('error')
    expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'no_fixture_match' })
    expect(error.error.message).toContain('nothing matches this')
    expect(await r.closed).toBe(1008)
    expect(mock).not.toHaveNoUnmatchedRequests()
  })

  test("a fixture's response function that throws is an error event; the next response.create is served", async () => {
    await start()
    let calls = 0
    mock.on({}, () => {
      if (calls++ === 0) throw new Error('boom')
      return { content: 'second time lucky' }
    })
    const r = await connect()
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'try')
    r.send({ type: 'response.create' })
    expect((await r.next('error')).error.message).toContain('boom')
    r.send({ type: 'response.create' })
    expect((await r.next('response.done')).response.output[0].content[0].text).toBe('second time lucky')
  })

  test('a lenient miss is an error event and the connection stays usable', async () => {
    await start()
    const r = await connect()
    say(r, 'unknown')
    r.send({ type: 'response.create' })
    expect((await r.next('error')).error.code).toBe('no_fixture_match')
    mock.on({ userMessage: 'unknown' }, { content: 'now known' })
    r.send({ type: 'response.create' })
    expect((await r.next('response.done')).response.status).toBe('completed')
  })

  test('chaos disconnect cuts the socket (1006); drop is the error event chaos_drop', async () => {
    await start()
    mock.on({ userMessage: 'cut' }, { content: 'x' }, { chaos: { disconnectRate: 1 } })
    mock.on({ userMessage: 'drop' }, { content: 'x' }, { chaos: { dropRate: 1 } })
    const dropped = await connect()
    say(dropped, 'drop')
    dropped.send({ type: 'response.create' })
    expect((await dropped.next('error')).error).toMatchObject({
      code: 'chaos_drop',
      message: 'Chaos: request dropped',
    })
    const cut = await connect()
    say(cut, 'cut')
    cut.send({ type: 'response.create' })
    expect(await cut.closed).toBe(1006)
    expect(mock.journal.last()!.response).toMatchObject({ status: 0, chaos: 'disconnect' })
  })

  test('truncateAfterChunks cuts the socket mid-response: no response.done', async () => {
    await start()
    mock.on({}, { content: 'abcdefghij'.repeat(5) }, { chunkSize: 10, truncateAfterChunks: 4 })
    const r = await connect()
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'go')
    r.send({ type: 'response.create' })
    expect(await r.closed).toBe(1006)
    const types = typesFrom(r.events, 'response.created')
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(2)
    expect(types).not.toContain('response.done')
    expect(mock.journal.last()!.response).toMatchObject({ chaos: 'truncate' })
  })
})

describe('sessions, pacing and the beta protocol', () => {
  test('two sessions (path prefix and header) get their own fixtures and journals', async () => {
    await start()
    mock.session('a').on({}, { content: 'from a' })
    mock.session('b').on({}, { content: 'from b' })
    const ra = await openRealtime(`${url}/_s/a`)
    const rb = await connect({ headers: { 'x-standin-session': 'b' } })
    open.push(ra)
    for (const r of [ra, rb]) {
      r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
      say(r, 'who are you')
      r.send({ type: 'response.create' })
    }
    expect((await ra.next('response.done')).response.output[0].content[0].text).toBe('from a')
    expect((await rb.next('response.done')).response.output[0].content[0].text).toBe('from b')
    expect(mock.journal.filter({ session: 'a' })).toHaveLength(1)
    expect(mock.journal.filter({ session: 'b' })).toHaveLength(1)
  })

  test('a streaming profile paces the deltas; they arrive complete and in order', async () => {
    await start({ streamingProfile: { ttft: 5, tps: 400, jitter: 0.5 }, seed: 7 })
    const text = 'The quick brown fox jumps over the lazy dog.'
    mock.on({}, { content: text }, { chunkSize: 5 })
    const r = await connect()
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'fox')
    r.send({ type: 'response.create' })
    await r.next('response.done')
    const deltas = r.events.filter((e) => e.type === 'response.output_text.delta')
    expect(deltas).toHaveLength(Math.ceil(text.length / 5))
    expect(deltas.map((e) => e.delta).join('')).toBe(text)
    const types = typesFrom(r.events, 'response.created')
    expect(types.indexOf('response.content_part.added')).toBeLessThan(
      types.indexOf('response.output_text.delta'),
    )
    expect(types.lastIndexOf('response.output_text.delta')).toBeLessThan(
      types.indexOf('response.output_text.done'),
    )
  })

  test('the beta client (OpenAI-Beta: realtime=v1) gets the beta names: response.text.delta, conversation.item.created', async () => {
    await start()
    mock.on({}, { content: 'beta answer' })
    const r = await connect({ beta: true })
    expect(r.events[0]!.session).toMatchObject({ modalities: ['text', 'audio'], input_audio_format: 'pcm16' })
    r.send({ type: 'session.update', session: { modalities: ['text'] } })
    await r.next('session.updated')
    say(r, 'hi')
    r.send({ type: 'response.create' })
    const done = await r.next('response.done')
    expect(done.response.output[0].content).toEqual([{ type: 'text', text: 'beta answer' }])
    const types = typesFrom(r.events, 'response.created')
    expect(types).toContain('response.text.delta')
    expect(types).toContain('response.text.done')
    expect(types).toContain('conversation.item.created')
    expect(types).not.toContain('response.output_text.delta')
    expect(types).not.toContain('conversation.item.added')
  })
})

describe('stopping', () => {
  test('mock.stop() closes an open Realtime socket with 1001 while a response streams', async () => {
    await start()
    mock.on({}, { content: 'word '.repeat(100) }, { chunkSize: 5, latency: 20 })
    const r = await openRealtime(url)
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'talk')
    r.send({ type: 'response.create' })
    await r.next('response.output_text.delta')
    await mock.stop()
    expect(await r.closed).toBe(1001)
  })
})

describe('bad client events get the Realtime error event', () => {
  test('each names what is wrong, and the connection keeps serving', async () => {
    await start()
    mock.on({}, { content: 'still here' })
    const r = await connect()
    const cases: [unknown, Record<string, unknown>][] = [
      ['{not json', { code: 'invalid_json' }],
      [{ type: 'session.dance' }, { code: 'invalid_value', param: 'type' }],
      [{ event_id: 'e1' }, { code: 'missing_required_parameter', param: 'type' }],
      [
        { type: 'session.update', session: { modalities: ['text'] } },
        { code: 'unknown_parameter', param: 'session.modalities' },
      ],
      [
        { type: 'session.update', session: { output_modalities: ['video'] } },
        { code: 'invalid_value', param: 'session.output_modalities' },
      ],
      [
        { type: 'conversation.item.create', item: { type: 'function_call_output', output: 'x' } },
        { param: 'item.call_id' },
      ],
      [
        { type: 'conversation.item.create', item: { type: 'message', role: 'robot', content: [] } },
        { param: 'item.role' },
      ],
      [
        { type: 'input_audio_buffer.append', audio: 42 },
        { code: 'invalid_type', param: 'audio' },
      ],
      [
        { type: 'input_audio_buffer.append', audio: 'not base64!' },
        { code: 'invalid_value', param: 'audio' },
      ],
      [{ type: 'conversation.item.delete', item_id: 'item_nope' }, { code: 'item_not_found' }],
    ]
    for (const [frame, expected] of cases) {
      r.rt.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
      const error = await r.next('error')
      expect(error.error, JSON.stringify(frame)).toMatchObject({ type: 'invalid_request_error', ...expected })
      expect(typeof error.error.message).toBe('string')
    }
    r.rt.socket.send(Buffer.from([1, 2, 3]))
    expect((await r.next('error')).error.code).toBe('invalid_frame')
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    say(r, 'hello?')
    r.send({ type: 'response.create' })
    expect((await r.next('response.done')).response.output[0].content[0].text).toBe('still here')
  })
})
