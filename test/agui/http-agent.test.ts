import { HttpAgent, type AssistantMessage, type Message } from '@ag-ui/client'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createAguiServer, createStandin, matchers } from '../../src/internal'
import { startAguiMock } from './agui-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
    toHaveReturnedToolCall(name: string, args?: Record<string, unknown>): T
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
    toHaveReceivedRequest(expected: Record<string, unknown>): T
    toHaveServedFixture(id: string): T
    toHaveNoUnmatchedRequests(): T
  }
}
expect.extend(matchers)

// The client warns when it strips fields it does not know or drops events: standin must send none.
const warn = vi.spyOn(console, 'warn')
afterEach(() => {
  expect(warn).not.toHaveBeenCalled()
  warn.mockClear()
})

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
}

function assistant(messages: Message[]): AssistantMessage {
  return messages.find((m): m is AssistantMessage => m.role === 'assistant')!
}

describe('HttpAgent runs against the mock', () => {
  test("receives the fixture's text, assembled from its deltas", async () => {
    const text = 'Hello! I am a stand-in agent, streaming this reply in small pieces.'
    const { agui, agent } = await startAguiMock()
    agui.onMessage('hello', text)
    const deltas: string[] = []
    const { newMessages } = await agent('hello there').runAgent(
      {},
      { onTextMessageContentEvent: ({ event }) => void deltas.push(event.delta) },
    )
    expect(assistant(newMessages).content).toBe(text)
    expect(deltas.length).toBe(Math.ceil(text.length / 20))
    expect(deltas.join('')).toBe(text)
  })

  test('receives a tool call: name, parsed arguments, in one assistant message', async () => {
    const { agui, agent } = await startAguiMock()
    agui.onToolCall(/weather/i, 'get_weather', { city: 'Paris', units: 'metric' })
    let ended: { name: string; args: unknown } | undefined
    const { newMessages } = await agent("What's the weather in Paris?").runAgent(
      { tools: [weatherTool] },
      {
        onToolCallEndEvent: ({ toolCallName, toolCallArgs }) =>
          void (ended = { name: toolCallName, args: toolCallArgs }),
      },
    )
    const [call] = assistant(newMessages).toolCalls!
    expect(call!.function.name).toBe('get_weather')
    expect(JSON.parse(call!.function.arguments)).toEqual({ city: 'Paris', units: 'metric' })
    expect(call!.id).toMatch(/^call_/)
    expect(ended).toEqual({ name: 'get_weather', args: { city: 'Paris', units: 'metric' } })
  })

  test('text and tool calls of one fixture share one assistant message; a result follows its call', async () => {
    const { agui, agent } = await startAguiMock()
    agui.addFixture({
      match: { toolName: 'search' },
      text: 'Let me look that up.',
      toolCalls: [{ id: 'call_1', name: 'search', arguments: '{"q":"standin"}', result: '3 hits' }],
    })
    const { newMessages } = await agent('find standin').runAgent({
      tools: [{ name: 'search', description: 'Search the web' }],
    })
    expect(newMessages).toMatchObject([
      {
        role: 'assistant',
        content: 'Let me look that up.',
        toolCalls: [{ id: 'call_1', function: { name: 'search', arguments: '{"q":"standin"}' } }],
      },
      { role: 'tool', toolCallId: 'call_1', content: '3 hits' },
    ])
  })

  test('a state snapshot then a JSON Patch delta leave the agent state patched', async () => {
    const { agui, agent } = await startAguiMock()
    agui.addFixture({
      match: { stateKey: 'todos' },
      stateSnapshot: { todos: ['buy milk'], done: 0 },
      stateDelta: [
        { op: 'add', path: '/todos/-', value: 'walk the dog' },
        { op: 'replace', path: '/done', value: 1 },
      ],
    })
    const todo = agent('add a todo', { initialState: { todos: [] } })
    await todo.runAgent()
    expect(todo.state).toEqual({ todos: ['buy milk', 'walk the dog'], done: 1 })
  })

  test('onStateKey answers runs whose state has the key', async () => {
    const { agui, agent } = await startAguiMock()
    agui.onStateKey('cart', { cart: ['apple'] }).onMessage('', 'no cart here')
    const shop = agent('hi', { initialState: { cart: [] } })
    await shop.runAgent()
    expect(shop.state).toEqual({ cart: ['apple'] })
    const { newMessages } = await agent('hi').runAgent()
    expect(assistant(newMessages).content).toBe('no cart here')
  })

  test("RUN_STARTED and RUN_FINISHED echo the request's threadId and runId", async () => {
    const { agui, agent } = await startAguiMock()
    agui.onMessage('hi', 'hello')
    const seen: unknown[] = []
    await agent('hi', { threadId: 'thread-42' }).runAgent(
      { runId: 'run-7' },
      {
        onRunStartedEvent: ({ event }) => void seen.push(event),
        onRunFinishedEvent: ({ event }) => void seen.push(event),
      },
    )
    expect(seen).toEqual([
      { type: 'RUN_STARTED', threadId: 'thread-42', runId: 'run-7' },
      { type: 'RUN_FINISHED', threadId: 'thread-42', runId: 'run-7' },
    ])
  })

  test('a RUN_ERROR fixture reaches the run-error handler, after the text sent before it', async () => {
    const { agui, agent } = await startAguiMock()
    agui.addFixture({
      match: { message: 'overload' },
      text: 'Working on it',
      error: { message: 'The model is overloaded', code: 'overloaded' },
    })
    let error: { message: string; code?: string } | undefined
    const { newMessages } = await agent('overload me').runAgent(
      {},
      { onRunErrorEvent: ({ event }) => void (error = { message: event.message, code: event.code }) },
    )
    expect(error).toEqual({ message: 'The model is overloaded', code: 'overloaded' })
    expect(assistant(newMessages).content).toBe('Working on it')
  })

  test('the tool result sent back is matched by toolCallId, and the next run answers it', async () => {
    const { agui, agent, mock } = await startAguiMock()
    // First match wins, and the last user message still says "weather": the result fixture goes first.
    agui
      .onToolResult('call_weather', 'It is sunny in Paris.')
      .onToolCall('weather', 'get_weather', { city: 'Paris' }, { toolCallId: 'call_weather' })
    const app = agent('weather in Paris?')
    await app.runAgent({ tools: [weatherTool] })
    app.addMessage({ id: 'result-1', role: 'tool', toolCallId: 'call_weather', content: '{"sky":"sunny"}' })
    const { newMessages } = await app.runAgent({ tools: [weatherTool] })
    expect(assistant(newMessages).content).toBe('It is sunny in Paris.')
    // The frontend ran the tool and sent its result back: the journal shows both sides.
    expect(mock).toHaveReturnedToolCall('get_weather', { city: 'Paris' })
    expect(mock).toHaveCalledTool('get_weather', { city: 'Paris' })
  })

  test('onRun sends events as written, with the run opened and closed around them', async () => {
    const { agui, agent } = await startAguiMock()
    agui.onRun('steps', [
      { type: 'STEP_STARTED', stepName: 'plan' },
      { type: 'TEXT_MESSAGE_START', messageId: 'm-1', role: 'assistant' },
      { type: 'TEXT_MESSAGE_CONTENT', messageId: 'm-1', delta: 'Planned.' },
      { type: 'TEXT_MESSAGE_END', messageId: 'm-1' },
      { type: 'STEP_FINISHED', stepName: 'plan' },
    ])
    const steps: string[] = []
    const { newMessages } = await agent('run the steps').runAgent(
      {},
      {
        onStepStartedEvent: ({ event }) => void steps.push(`start ${event.stepName}`),
        onStepFinishedEvent: ({ event }) => void steps.push(`finish ${event.stepName}`),
      },
    )
    expect(steps).toEqual(['start plan', 'finish plan'])
    expect(newMessages).toEqual([{ id: 'm-1', role: 'assistant', content: 'Planned.' }])
  })

  test('onPredicate sees the input and the standin session', async () => {
    const { agui, agent, mock } = await startAguiMock()
    agui.onPredicate((input, run) => run.session === 'alice' && input.forwardedProps !== undefined, {
      text: 'hello alice',
    })
    const alice = mock.session('alice')
    const { newMessages } = await agent('hi', { headers: alice.headers }).runAgent({
      forwardedProps: { x: 1 },
    })
    expect(assistant(newMessages).content).toBe('hello alice')
    expect(alice).toHaveServedFixture('agui#0')
    expect(mock.session('bob')).not.toHaveServedFixture('agui#0')
  })

  test('delayMs paces the events and the run still completes', async () => {
    const { agui, agent } = await startAguiMock()
    agui.onMessage('slow', 'one two three', { delayMs: 5, chunkSize: 4 })
    const deltas: string[] = []
    const { newMessages } = await agent('slow please').runAgent(
      {},
      { onTextMessageContentEvent: ({ event }) => void deltas.push(event.delta) },
    )
    expect(deltas).toEqual(['one ', 'two ', 'thre', 'e'])
    expect(assistant(newMessages).content).toBe('one two three')
  })
})

describe('misses and strict mode', () => {
  test('lenient: a run no fixture matches gets a message naming the closest fixture and field', async () => {
    const { agui, agent, mock } = await startAguiMock()
    agui.onMessage('weather', 'sunny', { id: 'weather-reply' })
    const { newMessages } = await agent('what time is it?').runAgent()
    expect(assistant(newMessages).content).toBe(
      'standin: No AG-UI fixture matched the run (last user message "what time is it?"). Closest: weather-reply: message expected "weather", got "what time is it?"',
    )
    expect(() => expect(mock).toHaveNoUnmatchedRequests()).toThrow(/1 found no fixture/)
    expect(mock.journal.last()?.miss?.closest[0]).toMatchObject({ fixtureId: 'weather-reply' })
  })

  test('strict: a miss is HTTP 503 with the diagnostic, and runAgent rejects', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { agui, agent, mock } = await startAguiMock({}, true)
    agui.onMessage('weather', 'sunny')
    const failure = await agent('what time is it?')
      .runAgent()
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({
      status: 503,
      message: expect.stringContaining('No AG-UI fixture matched'),
    })
    expect(mock.journal.last()).toMatchObject({ response: { status: 503 }, miss: { fixturesConsidered: 1 } })
    errors.mockRestore()
  })

  test('x-standin-strict on the request overrides the mock', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { agent } = await startAguiMock({}, false)
    const failure = await agent('anything', { headers: { 'x-standin-strict': 'true' } })
      .runAgent()
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: 503 })
    errors.mockRestore()
  })
})

describe('the journal, read by the runner-agnostic matchers', () => {
  test('sees the messages a run carried, the tool calls it returned and the fixture that answered', async () => {
    const { agui, agent, mock } = await startAguiMock()
    agui.addFixture({
      id: 'search-call',
      match: { message: /find/i },
      toolCalls: [{ name: 'search', arguments: { q: 'standin' } }],
    })
    await agent('Find standin docs', {
      initialMessages: [{ id: 's1', role: 'system', content: 'You are helpful.' }],
    }).runAgent({ tools: [{ name: 'search', description: 'Search' }] })

    expect(mock).toHaveReceivedMessage('Find standin')
    expect(mock).toHaveReceivedMessage('You are helpful.', { role: 'system' })
    expect(mock).toHaveReturnedToolCall('search', { q: 'standin' })
    expect(mock).not.toHaveReturnedToolCall('delete')
    expect(mock).toHaveServedFixture('search-call')
    expect(mock).toHaveReceivedRequest({
      surface: 'agui',
      lastUserMessage: 'Find standin docs',
      tools: ['search'],
    })
    expect(mock).toHaveNoUnmatchedRequests()
  })

  test("a session's requests land in that session's journal", async () => {
    const { agui, agent, mock } = await startAguiMock()
    agui.onMessage('hi', 'hello')
    const alice = mock.session('alice')
    await agent('hi from alice', { headers: alice.headers }).runAgent()
    expect(alice).toHaveReceivedMessage('hi from alice')
    expect(mock.session('bob')).not.toHaveReceivedMessage('hi from alice')
  })
})

describe('answered by the LLM fixtures when no AG-UI fixture matches', () => {
  test("a chat fixture's text and tool calls become the run's messages, ids kept", async () => {
    const { mock, agent } = await startAguiMock()
    mock.on(
      { userMessage: 'weather' },
      { toolCalls: [{ id: 'call_w1', name: 'get_weather', arguments: { city: 'Oslo' } }] },
    )
    mock.onMessage('hello', { content: 'Hi from an LLM fixture' })
    const hello = await agent('hello there').runAgent()
    expect(assistant(hello.newMessages).content).toBe('Hi from an LLM fixture')
    const weather = await agent('weather in Oslo?').runAgent({ tools: [weatherTool] })
    expect(assistant(weather.newMessages).toolCalls).toEqual([
      { id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
    ])
    expect(mock).toHaveReturnedToolCall('get_weather', { city: 'Oslo' })
    expect(mock).toHaveNoUnmatchedRequests()
  })

  test('AG-UI fixtures come first', async () => {
    const { mock, agui, agent } = await startAguiMock()
    mock.onMessage('hello', { content: 'from the LLM fixtures' })
    agui.onMessage('hello', 'from the AG-UI fixtures')
    expect(assistant((await agent('hello').runAgent()).newMessages).content).toBe('from the AG-UI fixtures')
  })

  test("a session's own fixtures answer only that session's runs, and it is the fixture served", async () => {
    const { mock, agent } = await startAguiMock()
    const alice = mock.session('alice')
    alice.on({ userMessage: 'plan' }, { content: 'Alice, here is your plan.' }, { id: 'alice-plan' })
    mock.onMessage('plan', { content: 'A plan for anyone.' })
    const forAlice = await agent('plan my day', { headers: alice.headers }).runAgent()
    expect(assistant(forAlice.newMessages).content).toBe('Alice, here is your plan.')
    const forBob = await agent('plan my day', { headers: mock.session('bob').headers }).runAgent()
    expect(assistant(forBob.newMessages).content).toBe('A plan for anyone.')
    expect(alice).toHaveServedFixture('alice-plan')
    expect(mock.session('bob')).not.toHaveServedFixture('alice-plan')
  })

  test("an error fixture ends the run with RUN_ERROR carrying the fixture's message", async () => {
    const { mock, agent } = await startAguiMock()
    mock.onMessage('fail', {
      error: { message: 'Rate limited', type: 'rate_limit_error', code: 'rate_limited' },
      status: 429,
    })
    let error: { message: string; code?: string } | undefined
    await agent('fail please').runAgent(
      {},
      { onRunErrorEvent: ({ event }) => void (error = { message: event.message, code: event.code }) },
    )
    expect(error).toEqual({ message: 'Rate limited', code: 'rate_limited' })
  })

  test('strict: a run neither kind of fixture answers is a 503 naming the closest LLM fixture', async () => {
    const { mock, agent } = await startAguiMock({}, true)
    mock.onMessage('weather', { content: 'Sunny' })
    await expect(agent('whether or not').runAgent()).rejects.toThrow(/503/)
    const entry = mock.journal.last()!
    expect(entry.miss?.message).toMatch(/weather/)
    expect(entry.miss?.message).toMatch(/There are no AG-UI fixtures\./)
  })
})

test('in process: HttpAgent talks to mock.handle() through its fetch option', async () => {
  const agui = createAguiServer().onMessage('ping', 'pong')
  const mock = createStandin({ strict: false }).mount('/agui', agui)
  const agent = new HttpAgent({
    url: 'http://mock.test/agui',
    fetch: (url, init) => mock.handle(new Request(url, init)),
  })
  agent.addMessage({ id: 'u1', role: 'user', content: 'ping' })
  const { newMessages } = await agent.runAgent()
  expect(assistant(newMessages).content).toBe('pong')
  expect(mock).toHaveServedFixture('agui#0')
})

test('start() serves the agent alone at the root of its own port', async () => {
  const agui = createAguiServer().onMessage('', 'alone')
  const url = await agui.start()
  try {
    const agent = new HttpAgent({ url })
    agent.addMessage({ id: 'u1', role: 'user', content: 'hi' })
    expect(assistant((await agent.runAgent()).newMessages).content).toBe('alone')
  } finally {
    await agui.stop()
  }
})
