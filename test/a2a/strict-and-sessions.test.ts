import { DefaultAgentCardResolver } from '@a2a-js/sdk/client'
import { TaskNotFoundError, UnsupportedOperationError } from '@a2a-js/sdk/errors'
import { describe, expect, test } from 'vitest'
import {
  createA2aServer,
  FixtureError,
  matchers,
  StandinError,
  STANDIN_SESSION_HEADER,
} from '../../src/internal'
import { isTask, sendRequest, startA2aMock, textOf, v1Client } from './a2a-helpers'

const agents = [{ name: 'translator', messages: [{ pattern: 'translate', parts: 'Translated text' }] }]

describe('no matching fixture', () => {
  test('strict: a JSON-RPC error naming the agent and the text, journaled as a miss', async () => {
    const { mock, url } = await startA2aMock({ agents }, true)
    const client = await v1Client(`${url}/`)
    await expect(client.sendMessage(sendRequest('hello there'))).rejects.toThrow(
      'no fixture of A2A agent "translator" matched the message "hello there" (patterns: "translate")',
    )
    const entry = mock.journal.last({ method: 'POST' })!
    expect(entry.response.error).toMatchObject({ code: '-32000' })
    expect(entry.miss?.closest).toEqual([
      {
        fixtureId: 'translator#1',
        source: 'options.agents[0].messages[0]',
        mismatches: [expect.objectContaining({ field: 'pattern' })],
      },
    ])
    expect(matchers.toHaveNoUnmatchedRequests(mock).pass).toBe(false)
  })

  test('lenient: an agent message saying no fixture matched, still journaled as a miss', async () => {
    const { mock, url } = await startA2aMock({ agents })
    const client = await v1Client(`${url}/`)
    const reply = await client.sendMessage(sendRequest('hello there'))
    expect(!isTask(reply) && textOf(reply.parts)).toBe(
      'standin: no fixture of A2A agent "translator" matched the message "hello there" (patterns: "translate")',
    )
    expect(matchers.toHaveNoUnmatchedRequests(mock).pass).toBe(false)
  })
})

describe('sessions', () => {
  test("a task belongs to its session: another session's client does not find it", async () => {
    const { mock, url } = await startA2aMock({
      agents: [{ name: 'researcher', tasks: [{ pattern: '', artifacts: 'done' }] }],
    })
    const client = await v1Client(`${url}/`)
    const alpha = { serviceParameters: { [STANDIN_SESSION_HEADER]: 'alpha' } }
    const task = await client.sendMessage(sendRequest('work'), alpha)
    if (!isTask(task)) throw new Error('expected a task')
    expect((await client.getTask({ tenant: '', id: task.id }, alpha)).id).toBe(task.id)
    const beta = { serviceParameters: { [STANDIN_SESSION_HEADER]: 'beta' } }
    await expect(client.getTask({ tenant: '', id: task.id }, beta)).rejects.toBeInstanceOf(TaskNotFoundError)
    expect(
      mock.session('alpha').journal.entries.map((e) => (e.request as { method: string }).method),
    ).toEqual(['SendMessage', 'GetTask'])
  })

  test('a card fetched under /_s/<session>/ points the client at that session', async () => {
    const { mock, url } = await startA2aMock({ agents })
    const card = await new DefaultAgentCardResolver().resolve(`${url}/_s/gamma/a2a/translator/`)
    expect(card.supportedInterfaces[0]!.url).toBe(`${url}/_s/gamma/a2a/translator`)
    const client = await v1Client(`${url}/_s/gamma/a2a/translator/`)
    await client.sendMessage(sendRequest('translate'))
    expect(mock.journal.last({ method: 'POST' })?.session).toBe('gamma')
  })

  test('reset() forgets the tasks', async () => {
    const { mock, url } = await startA2aMock({
      agents: [{ name: 'researcher', tasks: [{ pattern: '', artifacts: 'done' }] }],
    })
    const client = await v1Client(`${url}/`)
    const task = await client.sendMessage(sendRequest('work'))
    if (!isTask(task)) throw new Error('expected a task')
    mock.reset()
    await expect(client.getTask({ tenant: '', id: task.id })).rejects.toBeInstanceOf(TaskNotFoundError)
  })
})

test('a task waiting for input continues with the next message naming it, then takes no more', async () => {
  const { a2a, url } = await startA2aMock()
  a2a
    .registerAgent({ name: 'booker' })
    .onStreamingTask('booker', 'book a flight', [
      { type: 'status', state: 'input-required', message: 'Which day?' },
    ])
    .onTask('booker', 'Friday', 'Booked for Friday.')
  const client = await v1Client(`${url}/`)
  const asked = await client.sendMessage(sendRequest('book a flight'))
  if (!isTask(asked)) throw new Error('expected a task')
  expect(asked.status?.state).toBe(6)
  expect(textOf(asked.status!.message!.parts)).toBe('Which day?')

  const booked = await client.sendMessage(
    sendRequest('Friday please', { taskId: asked.id, contextId: asked.contextId }),
  )
  if (!isTask(booked)) throw new Error('expected a task')
  expect(booked.id).toBe(asked.id)
  expect(booked.status?.state).toBe(3)
  expect(booked.artifacts.map((a) => textOf(a.parts))).toEqual(['Booked for Friday.'])
  expect(booked.history.map((m) => [m.role, textOf(m.parts)])).toEqual([
    [1, 'book a flight'],
    [2, 'Which day?'],
    [1, 'Friday please'],
  ])
  await expect(client.sendMessage(sendRequest('Friday again', { taskId: asked.id }))).rejects.toBeInstanceOf(
    UnsupportedOperationError,
  )
})

test('start() serves the agents alone: the first at the root of their own port', async () => {
  const a2a = createA2aServer({ agents })
  const url = await a2a.start()
  try {
    const client = await v1Client(`${url}/`)
    const reply = await client.sendMessage(sendRequest('translate'))
    expect(!isTask(reply) && textOf(reply.parts)).toBe('Translated text')
    expect((await client.getAgentCard()).supportedInterfaces[0]!.url).toBe(`${url}/translator`)
  } finally {
    await a2a.stop()
  }
})

describe('definitions are checked when given', () => {
  test('a fixture for an agent not registered', () => {
    expect(() => createA2aServer().onMessage('ghost', 'hi', 'hello')).toThrow(StandinError)
    expect(() => createA2aServer().onMessage('ghost', 'hi', 'hello')).toThrow('call registerAgent() first')
  })

  test('a state that ends the task before the last event, and an unknown state', () => {
    const a2a = createA2aServer().registerAgent({ name: 'a' })
    expect(() =>
      a2a.onStreamingTask('a', 'x', [
        { type: 'status', state: 'completed' },
        { type: 'artifact', parts: 'late' },
      ]),
    ).toThrow(/\[0\]\.state: "completed" ends the task's stream, so it must be the last event/)
    expect(() => a2a.onStreamingTask('a', 'x', [{ type: 'status', state: 'TASK_STATE_DONE' }])).toThrow(
      FixtureError,
    )
    expect(() => a2a.onStreamingTask('a', 'x', [{ type: 'status', state: 'TASK_STATE_DONE' }])).toThrow(
      'unknown task state "TASK_STATE_DONE"',
    )
  })

  test('a part with no content', () => {
    const a2a = createA2aServer().registerAgent({ name: 'a' })
    expect(() => a2a.onMessage('a', 'x', [{ mediaType: 'text/plain' } as never])).toThrow(
      'expected one content',
    )
  })
})
