import { EventSchema } from '@ag-ui/core/schemas'
import { describe, expect, test } from 'vitest'
import { createAguiServer, createStandin } from '../../src/internal'
import { postRun, readEvents, runInput, startAguiMock } from './agui-helpers'

type Schema = { shape: Record<string, unknown> }
const SCHEMAS = new Map(
  (EventSchema.options as unknown as Schema[]).map((option) => [
    (option.shape.type as { value: string }).value,
    option,
  ]),
)

/** Valid by @ag-ui/core's own zod schema, and carrying no field the schema does not define. */
function expectValidEvent(event: Record<string, unknown>) {
  expect(EventSchema.safeParse(event).error).toBeUndefined()
  const known = Object.keys(SCHEMAS.get(event.type as string)!.shape)
  expect(Object.keys(event).filter((key) => !known.includes(key))).toEqual([])
}

describe('the SSE wire', () => {
  test('a text and tool call run: event order, ids, and every event valid per @ag-ui/core', async () => {
    const { agui, endpoint } = await startAguiMock()
    agui.addFixture({
      match: { message: 'plan' },
      stateSnapshot: { step: 1 },
      stateDelta: [{ op: 'replace', path: '/step', value: 2 }],
      text: 'Here is the plan for today.',
      toolCalls: [{ name: 'create_task', arguments: { title: 'tests' }, result: 'created' }],
    })
    const response = await postRun(endpoint, runInput('plan my day'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const events = await readEvents(response)
    events.forEach(expectValidEvent)
    expect(events.map((e) => e.type)).toEqual([
      'RUN_STARTED',
      'STATE_SNAPSHOT',
      'STATE_DELTA',
      'TEXT_MESSAGE_START',
      'TEXT_MESSAGE_CONTENT',
      'TEXT_MESSAGE_CONTENT',
      'TEXT_MESSAGE_END',
      'TOOL_CALL_START',
      'TOOL_CALL_ARGS',
      'TOOL_CALL_END',
      'TOOL_CALL_RESULT',
      'RUN_FINISHED',
    ])
    expect(events[0]).toEqual({ type: 'RUN_STARTED', threadId: 'thread-1', runId: 'run-1' })
    expect(events.at(-1)).toEqual({ type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'run-1' })
    const messageId = events[3]!.messageId
    expect(events[7]).toMatchObject({ toolCallName: 'create_task', parentMessageId: messageId })
    expect(events[8]).toMatchObject({ toolCallId: events[7]!.toolCallId, delta: '{"title":"tests"}' })
    expect(events[10]).toMatchObject({ toolCallId: events[7]!.toolCallId, content: 'created', role: 'tool' })
  })

  test('raw events pass through; the run is framed and its ids are the request’s', async () => {
    const { agui, endpoint } = await startAguiMock()
    agui.onRun('recorded', [
      { type: 'RUN_STARTED', threadId: 'recorded-thread', runId: 'recorded-run' },
      { type: 'CUSTOM', name: 'progress', value: 50 },
      { type: 'RUN_FINISHED', threadId: 'recorded-thread', runId: 'recorded-run', result: { ok: true } },
    ])
    agui.onRun('bare', [{ type: 'CUSTOM', name: 'ping', value: 1 }])
    const recorded = await readEvents(await postRun(endpoint, runInput('replay the recorded run')))
    recorded.forEach(expectValidEvent)
    expect(recorded).toEqual([
      { type: 'RUN_STARTED', threadId: 'thread-1', runId: 'run-1' },
      { type: 'CUSTOM', name: 'progress', value: 50 },
      { type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'run-1', result: { ok: true } },
    ])
    const bare = await readEvents(await postRun(endpoint, runInput('bare')))
    expect(bare.map((e) => e.type)).toEqual(['RUN_STARTED', 'CUSTOM', 'RUN_FINISHED'])
  })

  test('an error fixture ends the run with RUN_ERROR instead of RUN_FINISHED', async () => {
    const { agui, endpoint } = await startAguiMock()
    agui.addFixture({ match: { message: 'boom' }, error: { message: 'Agent crashed', code: 'crash' } })
    const events = await readEvents(await postRun(endpoint, runInput('boom')))
    events.forEach(expectValidEvent)
    expect(events).toEqual([
      { type: 'RUN_STARTED', threadId: 'thread-1', runId: 'run-1' },
      { type: 'RUN_ERROR', message: 'Agent crashed', code: 'crash' },
    ])
  })

  test('text is cut into chunkSize deltas, counted in code points', async () => {
    const { agui, endpoint } = await startAguiMock({ chunkSize: 3 })
    agui.onMessage('emoji', 'ab😀cd')
    const events = await readEvents(await postRun(endpoint, runInput('emoji')))
    expect(events.filter((e) => e.type === 'TEXT_MESSAGE_CONTENT').map((e) => e.delta)).toEqual([
      'ab😀',
      'cd',
    ])
  })

  test('a lenient miss is a valid run whose message explains', async () => {
    const { endpoint } = await startAguiMock()
    const events = await readEvents(await postRun(endpoint, runInput('anything')))
    events.forEach(expectValidEvent)
    expect(events.map((e) => e.type)).toEqual([
      'RUN_STARTED',
      'TEXT_MESSAGE_START',
      ...events.slice(2, -2).map(() => 'TEXT_MESSAGE_CONTENT'),
      'TEXT_MESSAGE_END',
      'RUN_FINISHED',
    ])
    const text = events
      .filter((e) => e.type === 'TEXT_MESSAGE_CONTENT')
      .map((e) => e.delta)
      .join('')
    expect(text).toBe(
      'standin: No fixture matched POST /agui (last user message "anything"). There are no chat fixtures loaded. There are no AG-UI fixtures.',
    )
  })

  test('ids are reproducible on a seeded mock', async () => {
    const run = async () => {
      const agui = createAguiServer().onToolCall('go', 'act', {})
      const mock = createStandin({ strict: false, seed: 7 }).mount('/agui', agui)
      const response = await mock.handle(
        new Request('http://mock.test/agui', { method: 'POST', body: JSON.stringify(runInput('go')) }),
      )
      return readEvents(response)
    }
    expect(await run()).toEqual(await run())
  })

  test('a RunAgentInput without threadId, runId or messages still runs (ids are generated)', async () => {
    const { agui, endpoint } = await startAguiMock()
    agui.onMessage('', 'catch-all')
    const events = await readEvents(await postRun(endpoint, {}))
    expect(events[0]).toMatchObject({ type: 'RUN_STARTED', threadId: expect.stringMatching(/^thread_/) })
    expect(events.at(-1)).toMatchObject({ threadId: events[0]!.threadId, runId: events[0]!.runId })
  })
})

describe('requests that are not runs', () => {
  test('a field of the wrong type is a 400 naming it', async () => {
    const { endpoint, mock } = await startAguiMock()
    const response = await postRun(endpoint, runInput('hi', { messages: [{ id: 'm1', content: 'hi' }] }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        message:
          'Invalid RunAgentInput at messages[0].role: Invalid input: expected string, received undefined',
        type: 'invalid_request_error',
        param: 'messages[0].role',
      },
    })
    expect(mock.journal.last()?.response).toMatchObject({
      status: 400,
      error: { type: 'invalid_request_error' },
    })
  })

  test('invalid JSON is a 400', async () => {
    const { endpoint } = await startAguiMock()
    const response = await postRun(endpoint, '{not json')
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toMatch(/^Invalid JSON body/)
  })

  test('a predicate that throws is a 500 naming the fixture', async () => {
    const { agui, endpoint } = await startAguiMock()
    agui.onPredicate(
      () => {
        throw new Error('bad predicate')
      },
      { text: 'x' },
    )
    const response = await postRun(endpoint, runInput('hi'))
    expect(response.status).toBe(500)
    expect((await response.json()).error).toEqual({
      message: 'The predicate of AG-UI fixture agui#0 threw: bad predicate',
      type: 'standin_fixture_error',
    })
  })

  test('GET is 405 with Allow: POST; a path below the endpoint is 404', async () => {
    const { endpoint } = await startAguiMock()
    const get = await fetch(endpoint)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    const below = await postRun(`${endpoint}/runs`, runInput('hi'))
    expect(below.status).toBe(404)
    expect((await below.json()).error.message).toContain('the AG-UI endpoint is /agui')
  })
})

describe('fixtures are checked when added', () => {
  test('a fixture that answers nothing, or mixes events with other answers, throws naming the problem', () => {
    const agui = createAguiServer()
    expect(() => agui.addFixture({ match: { message: 'x' } })).toThrow(
      'Invalid AG-UI fixture from addFixture(): expected one of text, toolCalls, stateSnapshot, stateDelta, error, events',
    )
    expect(() => agui.addFixture({ text: 'x', events: [] })).toThrow(
      '"events" is a whole run and cannot be combined with "text"',
    )
    expect(() => agui.onRun('x', [{ type: 'TEXT_MESAGE_START' } as never])).toThrow(/events\[0\]\.type/)
    expect(() => agui.addFixture({ match: { mesage: 'x' }, text: 'y' } as never)).toThrow(
      'match.mesage: unknown field "mesage" (known here: message, toolCallId, toolName, stateKey',
    )
    expect(() => agui.onMessage('x', 'y', { delayMs: -1 })).toThrow('delayMs: Too small')
    expect(() => agui.addFixture({ text: 'x', txt: 'y' } as never)).toThrow(
      'unknown field "txt" (known here: id, match, text, toolCalls',
    )
  })
})
