/**
 * Gemini Live through `@google/genai`'s `live.connect`, pointed at the mock by `httpOptions.baseUrl`: the
 * setup handshake, text turns, a function call answered with `toolResponse`, spoken answers with their
 * transcription, the close codes, sessions, and the journal (each turn a canonical chat request). Raw `ws`
 * checks what the SDK never sends.
 */
import { GoogleGenAI, Modality, type LiveServerMessage } from '@google/genai'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import WebSocket from 'ws'
import { createStandin, matchers, spokenAudio, type Standin } from '../../src/internal'
import { connectLive, turnText } from './live-client'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
    toHaveReturnedToolCall(name: string, args?: Record<string, unknown>): T
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
    toHaveReceivedRequest(expected: Record<string, unknown>): T
    toHaveServedFixture(id: string): T
  }
}
expect.extend(matchers)

const MODEL = 'gemini-live-2.5-flash'
const TEXT = { responseModalities: [Modality.TEXT] }
const weatherTool = {
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
}

let mock: Standin
let url: string
let close: () => Promise<void>
beforeAll(async () => {
  mock = createStandin({ strict: false, seed: 'live' })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
})
afterAll(() => close())
beforeEach(() => mock.reset())

describe('a text turn', () => {
  test('setupComplete, the model turn as text parts, generationComplete, then turnComplete with usage', async () => {
    mock.onMessage('hello', {
      content: 'Hi there, this is Gemini Live speaking.',
      usage: { prompt_tokens: 7, completion_tokens: 9 },
    })
    const live = await connectLive({ baseUrl: url, config: TEXT })
    expect(live.messages[0]!.setupComplete).toEqual({})

    live.session.sendClientContent({ turns: 'hello there' })
    const turn = await live.turn()
    live.session.close()

    expect(turnText(turn)).toBe('Hi there, this is Gemini Live speaking.')
    expect(turn.filter((m) => m.serverContent?.modelTurn).length).toBeGreaterThan(1)
    const end = turn.slice(-2)
    expect(end[0]!.serverContent).toEqual({ generationComplete: true })
    expect(end[1]!.serverContent).toEqual({ turnComplete: true })
    expect(end[1]!.usageMetadata).toEqual({
      promptTokenCount: 7,
      responseTokenCount: 9,
      totalTokenCount: 16,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 7 }],
      responseTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }],
    })
  })

  test('each turn is journaled as a canonical chat request of the whole conversation', async () => {
    mock.onMessage('first', { content: 'One.' })
    mock.onMessage('second', { content: 'Two.' })
    const live = await connectLive({
      baseUrl: url,
      config: { ...TEXT, systemInstruction: 'Answer in one word.', tools: [weatherTool] },
    })
    live.session.sendClientContent({ turns: 'first question' })
    expect(turnText(await live.turn())).toBe('One.')
    live.session.sendRealtimeInput({ text: 'second question' })
    expect(turnText(await live.turn())).toBe('Two.')
    live.session.close()

    expect(mock.journal.size).toBe(2)
    const entry = mock.journal.last()!
    expect(entry).toMatchObject({
      method: 'WS',
      path: expect.stringContaining(
        '//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent',
      ),
      surface: 'gemini.live',
      provider: 'gemini',
      fixture: { source: 'on()' },
      response: { status: 200, stream: true, text: 'Two.' },
    })
    expect(entry.request).toEqual({
      kind: 'chat',
      surface: 'gemini.live',
      provider: 'gemini',
      model: MODEL,
      system: 'Answer in one word.',
      messages: [
        { role: 'user', text: 'first question' },
        { role: 'assistant', text: 'One.' },
        { role: 'user', text: 'second question' },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: weatherTool.functionDeclarations[0]!.parametersJsonSchema,
        },
      ],
      stream: true,
    })
    expect(mock).toHaveReceivedMessage('second question', { role: 'user' })
    expect(mock).toHaveReceivedRequest({ surface: 'gemini.live', model: MODEL })
  })

  test('clientContent without turnComplete waits for the rest of the turn', async () => {
    mock.onMessage('part two', { content: 'Both parts.' })
    const live = await connectLive({ baseUrl: url, config: TEXT })
    live.session.sendClientContent({ turns: 'part one', turnComplete: false })
    live.session.sendClientContent({ turns: 'part two' })
    expect(turnText(await live.turn())).toBe('Both parts.')
    live.session.close()
    expect(mock.journal.size).toBe(1)
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'part one' },
        { role: 'user', text: 'part two' },
      ],
    })
  })
})

describe('function calls', () => {
  test('a toolCall, the client toolResponse, then the answer; both turns journaled', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    mock.on({ toolResultContains: '18C' }, { content: 'It is 18C in Paris.' }, { id: 'answer' })
    const live = await connectLive({ baseUrl: url, config: { ...TEXT, tools: [weatherTool] } })

    live.session.sendClientContent({ turns: 'weather in Paris?' })
    const calling = await live.turn()
    const toolCall = calling.at(-1)!.toolCall!
    expect(toolCall.functionCalls).toEqual([
      { id: expect.stringMatching(/^function-call-/), name: 'get_weather', args: { city: 'Paris' } },
    ])
    expect(calling.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: expect.any(Number) })
    expect(calling.some((m) => m.serverContent?.turnComplete)).toBe(false)

    const call = toolCall.functionCalls![0]!
    live.session.sendToolResponse({
      functionResponses: [{ id: call.id, name: call.name, response: { output: '18C and sunny' } }],
    })
    const answer = await live.turn()
    live.session.close()

    expect(turnText(answer)).toBe('It is 18C in Paris.')
    expect(mock).toHaveReturnedToolCall('get_weather', { city: 'Paris' })
    expect(mock).toHaveServedFixture('answer')
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'weather in Paris?' },
        {
          role: 'assistant',
          toolCalls: [{ id: call.id, name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
        { role: 'tool', toolResult: { toolCallId: call.id, name: 'get_weather', content: '18C and sunny' } },
      ],
    })
  })

  test('the loop guard: a fixture that calls a tool never answers the turn carrying its result', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const live = await connectLive({ baseUrl: url, config: { ...TEXT, tools: [weatherTool] } })
    live.session.sendClientContent({ turns: 'weather in Paris?' })
    const call = (await live.turn()).at(-1)!.toolCall!.functionCalls![0]!
    live.session.sendToolResponse({
      functionResponses: [{ id: call.id, name: call.name, response: { output: '18C' } }],
    })
    // Lenient: the miss is said in the model's turn, and the session goes on.
    const miss = await live.turn()
    expect(turnText(miss)).toMatch(/^standin: /)
    expect(mock.journal.last()!.miss).toBeDefined()
    live.session.close()
  })
})

describe('session resumption', () => {
  test('a handle after each complete turn; a new connection naming it continues the conversation', async () => {
    mock.onMessage('first', { content: 'One.' })
    mock.onMessage('second', { content: 'Two.' })
    const first = await connectLive({ baseUrl: url, config: { ...TEXT, sessionResumption: {} } })
    const [afterSetup] = await first.until((m) => m.sessionResumptionUpdate !== undefined)
    expect(afterSetup!.sessionResumptionUpdate).toMatchObject({ resumable: true })
    first.session.sendClientContent({ turns: 'first question' })
    expect(turnText(await first.turn())).toBe('One.')
    const update = await first.until((m) => m.sessionResumptionUpdate !== undefined)
    const handle = update.at(-1)!.sessionResumptionUpdate!.newHandle!
    first.session.close()

    const second = await connectLive({ baseUrl: url, config: { ...TEXT, sessionResumption: { handle } } })
    second.session.sendClientContent({ turns: 'second question' })
    expect(turnText(await second.turn())).toBe('Two.')
    second.session.close()
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'first question' },
        { role: 'assistant', text: 'One.' },
        { role: 'user', text: 'second question' },
      ],
    })
  })

  test('an unknown handle closes the session with 1008', async () => {
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: url } })
    const closed = new Promise<CloseEvent>((onclose) => {
      void ai.live.connect({
        model: MODEL,
        config: { ...TEXT, sessionResumption: { handle: 'live-resume-nope' } },
        callbacks: { onmessage: () => {}, onclose },
      })
    })
    const { code, reason } = await closed
    expect({ code, reason }).toEqual({
      code: 1008,
      reason: 'Session resumption handle not found: live-resume-nope',
    })
  })
})

describe('spoken answers', () => {
  test('AUDIO answers as PCM16 inlineData, with the output transcription when asked for', async () => {
    mock.onMessage('say hi', { content: 'Hello from the audio model.' })
    const live = await connectLive({
      baseUrl: url,
      config: { responseModalities: [Modality.AUDIO], outputAudioTranscription: {} },
    })
    live.session.sendClientContent({ turns: 'say hi' })
    const turn = await live.turn()
    live.session.close()

    const audio = turn.flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
    expect(audio.length).toBeGreaterThan(0)
    for (const part of audio) {
      expect(part.text).toBeUndefined()
      expect(part.inlineData!.mimeType).toBe('audio/pcm;rate=24000')
    }
    const bytes = Buffer.concat(audio.map((part) => Buffer.from(part.inlineData!.data!, 'base64')))
    // 10 ms of 24 kHz 16-bit samples per character, and not silence.
    expect(bytes.length).toBe('Hello from the audio model.'.length * 240 * 2)
    expect(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2).some((s) => s !== 0)).toBe(true)
    const transcript = turn.map((m) => m.serverContent?.outputTranscription?.text ?? '').join('')
    expect(transcript).toBe('Hello from the audio model.')
    expect(turn.at(-1)!.usageMetadata!.responseTokensDetails).toEqual([
      { modality: 'AUDIO', tokenCount: expect.any(Number) },
    ])
  })

  test('realtime audio is a turn when its stream ends; spokenAudio says what it said', async () => {
    mock.onMessage('weather', { content: 'Sunny.' })
    const live = await connectLive({
      baseUrl: url,
      config: { ...TEXT, inputAudioTranscription: {} },
    })
    const audio = spokenAudio("what's the weather in Paris?")
    // Sent in two chunks, as a microphone would: the words are read from the whole turn's audio.
    const half = Math.floor(audio.length / 8) * 4
    live.session.sendRealtimeInput({
      audio: { data: audio.slice(0, half), mimeType: 'audio/pcm;rate=16000' },
    })
    live.session.sendRealtimeInput({ audio: { data: audio.slice(half), mimeType: 'audio/pcm;rate=16000' } })
    live.session.sendRealtimeInput({ audioStreamEnd: true })
    const turn = await live.turn()
    live.session.close()

    expect(turn[0]!.serverContent!.inputTranscription).toEqual({
      text: "what's the weather in Paris?",
      finished: true,
    })
    expect(turnText(turn)).toBe('Sunny.')
    expect(mock).toHaveReceivedMessage("what's the weather in Paris?", { role: 'user' })
  })

  test('AUDIO is the default modality; no transcription unless asked for', async () => {
    mock.onMessage('hi', { content: 'Spoken.' })
    const live = await connectLive({ baseUrl: url })
    live.session.sendClientContent({ turns: 'hi' })
    const turn = await live.turn()
    live.session.close()
    expect(turn.some((m) => m.serverContent?.modelTurn?.parts?.[0]?.inlineData)).toBe(true)
    expect(turn.some((m) => m.serverContent?.outputTranscription)).toBe(false)
  })
})

describe('errors close the session with a code and a reason', () => {
  test('a strict miss closes with 1008 and the diagnostic; the turn is journaled as a miss', async () => {
    const live = await connectLive({ baseUrl: url, config: TEXT, headers: { 'x-standin-strict': 'true' } })
    live.session.sendClientContent({ turns: 'nothing matches this' })
    const { code, reason } = await live.closed
    expect(code).toBe(1008)
    expect(reason.length).toBeGreaterThan(0)
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123)
    expect(mock.journal.last()).toMatchObject({ surface: 'gemini.live', response: { status: 503 } })
  })

  test('an error fixture closes with the code for its status', async () => {
    mock.onMessage('quota', { error: { message: 'Quota exceeded for this model.' }, status: 429 })
    mock.onMessage('broken', { error: { message: 'Internal error encountered.' }, status: 500 })
    const quota = await connectLive({ baseUrl: url, config: TEXT })
    quota.session.sendClientContent({ turns: 'quota' })
    expect(await quota.closed).toEqual({ code: 1011, reason: 'Quota exceeded for this model.' })
    const broken = await connectLive({ baseUrl: url, config: TEXT })
    broken.session.sendClientContent({ turns: 'broken' })
    expect(await broken.closed).toEqual({ code: 1011, reason: 'Internal error encountered.' })
  })

  test('a bad setup closes with 1007 naming the field, before setupComplete', async () => {
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: url } })
    const closed = new Promise<CloseEvent>((onclose) => {
      // connect() waits for setupComplete, which never comes: onclose is how the SDK reports the refusal.
      void ai.live.connect({
        model: MODEL,
        config: { ...TEXT, tools: [{ functionDeclarations: [{ description: 'no name' }] }] },
        callbacks: { onmessage: () => {}, onclose },
      })
    })
    const { code, reason } = await closed
    expect(code).toBe(1007)
    expect(reason).toContain('tools[0].functionDeclarations[0].name')
  })
})

describe('chaos and cut-offs come from the engine', () => {
  test('chaos disconnect cuts the socket (1006) before the turn', async () => {
    mock.onMessage('flaky', { content: 'never sent' }, { chaos: { disconnectRate: 1 } })
    const live = await connectLive({ baseUrl: url, config: TEXT })
    live.session.sendClientContent({ turns: 'flaky' })
    expect((await live.closed).code).toBe(1006)
    expect(turnText(live.messages)).toBe('')
    expect(mock.journal.last()).toMatchObject({ surface: 'gemini.live', response: { chaos: 'disconnect' } })
  })

  test('truncateAfterChunks sends part of the turn, then cuts the socket', async () => {
    mock.onMessage('long', { content: 'abcdefghij'.repeat(10) }, { truncateAfterChunks: 3, chunkSize: 10 })
    const live = await connectLive({ baseUrl: url, config: TEXT })
    live.session.sendClientContent({ turns: 'long' })
    expect((await live.closed).code).toBe(1006)
    const text = turnText(live.messages)
    expect(text.length).toBeGreaterThan(0)
    expect(text.length).toBeLessThan(100)
    expect(live.messages.some((m) => m.serverContent?.turnComplete)).toBe(false)
  })
})

describe('on the wire (raw ws)', () => {
  const path = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'

  function open(at = `${url.replace('http', 'ws')}${path}?key=k`) {
    const socket = new WebSocket(at)
    const received: LiveServerMessage[] = []
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    )
    const opened = new Promise((resolve) => socket.once('open', resolve))
    /** Resolves once a received message satisfies `done`. */
    const until = (done: (message: LiveServerMessage) => boolean) =>
      new Promise<void>((resolve) => {
        if (received.some(done)) return resolve()
        socket.on('message', () => received.some(done) && resolve())
      })
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as LiveServerMessage))
    return { socket, received, closed, opened, until }
  }

  test('a bad setup: 1007 and a reason naming the field', async () => {
    const { socket, closed, opened } = open()
    await opened
    socket.send(JSON.stringify({ setup: { model: 'models/x', tools: [{ functionDeclarations: [{}] }] } }))
    const { code, reason } = await closed
    expect(code).toBe(1007)
    expect(reason).toContain('tools[0].functionDeclarations[0].name')
  })

  test('content before setup, an unknown field, and bad JSON each close with 1007', async () => {
    const cases = [
      [JSON.stringify({ clientContent: { turns: [] } }), /first message of a session must be setup/],
      [JSON.stringify({ setup: { model: 'models/x' }, bogus: 1 }), /Unknown name "bogus"/],
      ['{not json', /Invalid JSON payload/],
    ] as const
    for (const [frame, reason] of cases) {
      const { socket, closed, opened } = open()
      await opened
      socket.send(frame)
      const close = await closed
      expect(close.code).toBe(1007)
      expect(close.reason).toMatch(reason)
    }
  })

  test('the v1alpha ephemeral-token path, the doubled slash and a session prefix all serve Live', async () => {
    mock.session('live-s').onMessage('ping', { content: 'pong' })
    const at =
      `${url.replace('http', 'ws')}/_s/live-s//ws/google.ai.generativelanguage.v1alpha.GenerativeService.` +
      'BidiGenerateContentConstrained?access_token=auth_tokens/abc'
    const { socket, received, closed, opened, until } = open(at)
    await opened
    socket.send(
      JSON.stringify({ setup: { model: 'models/m', generationConfig: { responseModalities: ['TEXT'] } } }),
    )
    socket.send(JSON.stringify({ realtimeInput: { text: 'ping' } }))
    await until((m) => m.serverContent?.turnComplete === true)
    socket.close()
    await closed
    expect(turnText(received)).toBe('pong')
    expect(mock.session('live-s').journal.size).toBe(1)
    expect(mock.session('live-s').journal.last()).toMatchObject({
      session: 'live-s',
      surface: 'gemini.live',
      request: { model: 'm' },
    })
  })
})

describe('sessions', () => {
  test('each session has its own fixtures and journal', async () => {
    mock.session('alice').onMessage('who', { content: 'Alice here.' })
    const alice = await connectLive({ baseUrl: mock.session('alice').url, config: TEXT })
    const bob = await connectLive({ baseUrl: mock.session('bob').url, config: TEXT })
    alice.session.sendClientContent({ turns: 'who is this?' })
    bob.session.sendClientContent({ turns: 'who is this?' })
    const [aliceTurn, bobTurn] = await Promise.all([alice.turn(), bob.turn()])
    alice.session.close()
    bob.session.close()
    expect(turnText(aliceTurn)).toBe('Alice here.')
    expect(turnText(bobTurn)).toMatch(/^standin: /)
    expect(mock.session('alice')).toHaveReceivedMessage('who is this?')
    expect(mock.session('alice').journal.size).toBe(1)
    expect(mock.session('bob').journal.size).toBe(1)
  })
})

describe('ephemeral tokens', () => {
  test('an auth_tokens/ key on v1alpha: the SDK opens BidiGenerateContentConstrained', async () => {
    mock.onMessage('hello', { content: 'Hi, token holder.' })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const live = await connectLive({
      baseUrl: url,
      apiKey: 'auth_tokens/abc',
      apiVersion: 'v1alpha',
      config: TEXT,
    })
    warn.mockRestore()
    live.session.sendClientContent({ turns: 'hello' })
    expect(turnText(await live.turn())).toBe('Hi, token holder.')
    live.session.close()
    expect(mock.journal.last()!.path).toMatch(
      /^\/\/ws\/google\.ai\.generativelanguage\.v1alpha\.GenerativeService\.BidiGenerateContentConstrained\?/,
    )
  })
})

describe('Vertex AI', () => {
  test('LlmBidiService: the same turns, usage named as Vertex names it', async () => {
    mock.onMessage('hello', { content: 'Hi from Vertex.', usage: { prompt_tokens: 4, completion_tokens: 5 } })
    const live = await connectLive({ baseUrl: url, vertex: true, config: TEXT })
    live.session.sendClientContent({ turns: 'hello' })
    const turn = await live.turn()
    live.session.close()
    expect(turnText(turn)).toBe('Hi from Vertex.')
    // The SDK maps Vertex's candidatesTokenCount to responseTokenCount.
    expect(turn.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: 4, responseTokenCount: 5 })
    expect(mock.journal.last()).toMatchObject({ surface: 'vertex.live', provider: 'vertex' })
    expect(mock.journal.last()!.request).toMatchObject({ model: MODEL })
  })
})
