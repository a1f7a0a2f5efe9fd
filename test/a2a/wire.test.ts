import { beforeAll, describe, expect, test } from 'vitest'
import { readEvents, readIncrementally } from '../helpers/sse'
import { startA2aMock, type A2aMock } from './a2a-helpers'

let served: A2aMock
beforeAll(async () => {
  served = await startA2aMock({
    agents: [
      {
        name: 'researcher',
        tasks: [{ pattern: 'summarize', artifacts: 'The summary.' }],
        streamingTasks: [
          {
            pattern: { regex: '^deep', flags: 'i' },
            events: [
              { type: 'status', state: 'working' },
              { type: 'artifact', name: 'report', parts: [{ text: 'Part one.' }] },
              {
                type: 'artifact',
                name: 'report',
                parts: [{ text: ' Part two.' }],
                append: true,
                lastChunk: true,
              },
            ],
            delayMs: 20,
          },
        ],
      },
      { name: 'silent', capabilities: { streaming: false }, messages: [{ pattern: '', parts: 'ok' }] },
    ],
  })
})

function post(
  body: unknown,
  options: { path?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${served.url}${options.path ?? '/a2a/researcher'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const v03Message = (text: string) => ({
  message: { kind: 'message', messageId: 'm-1', role: 'user', parts: [{ kind: 'text', text }] },
})
const v1Message = (text: string) => ({ message: { messageId: 'm-1', role: 'ROLE_USER', parts: [{ text }] } })

async function results(response: Response): Promise<any[]> {
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  return (await readEvents(response)).map((event) => {
    const message = JSON.parse(event.data)
    expect(message).toMatchObject({ jsonrpc: '2.0', id: 7 })
    return message.result
  })
}

describe('A2A v0.3 on the wire', () => {
  test('message/stream: the task, then kind-tagged updates, `final` only on the last status update', async () => {
    const events = await results(
      await post({ jsonrpc: '2.0', id: 7, method: 'message/stream', params: v03Message('Deep dive') }),
    )
    expect(events.map((e) => e.kind)).toEqual([
      'task',
      'status-update',
      'artifact-update',
      'artifact-update',
      'status-update',
    ])
    const [task, working, one, two, completed] = events
    expect(task).toMatchObject({ kind: 'task', status: { state: 'submitted' }, artifacts: [] })
    expect(task.history).toMatchObject([
      { kind: 'message', role: 'user', parts: [{ kind: 'text', text: 'Deep dive' }] },
    ])
    expect(working).toMatchObject({
      taskId: task.id,
      contextId: task.contextId,
      status: { state: 'working' },
      final: false,
    })
    expect(one).toMatchObject({
      artifact: { name: 'report', parts: [{ kind: 'text', text: 'Part one.' }] },
      append: false,
    })
    expect(two).toMatchObject({
      artifact: { artifactId: one.artifact.artifactId },
      append: true,
      lastChunk: true,
    })
    expect(completed).toMatchObject({ status: { state: 'completed' }, final: true })
    expect(Date.parse(completed.status.timestamp)).not.toBeNaN()
  })

  test('tasks/get answers with the Task itself, history cut to historyLength', async () => {
    const sent = await (
      await post({ jsonrpc: '2.0', id: 1, method: 'message/send', params: v03Message('summarize') })
    ).json()
    expect(sent.result).toMatchObject({ kind: 'task', status: { state: 'completed' } })
    expect(sent.result.artifacts[0].parts).toEqual([{ kind: 'text', text: 'The summary.' }])
    const got = await (
      await post({
        jsonrpc: '2.0',
        id: 2,
        method: 'tasks/get',
        params: { id: sent.result.id, historyLength: 0 },
      })
    ).json()
    expect(got).toMatchObject({
      jsonrpc: '2.0',
      id: 2,
      result: { kind: 'task', id: sent.result.id, history: [] },
    })
  })
})

describe('A2A v1.0 on the wire', () => {
  test('SendStreamingMessage: protobuf JSON, results wrapped by what they hold, no `final`', async () => {
    const events = await results(
      await post({ jsonrpc: '2.0', id: 7, method: 'SendStreamingMessage', params: v1Message('deep dive') }),
    )
    expect(events.map((e) => Object.keys(e)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ])
    expect(events[0].task).toMatchObject({ status: { state: 'TASK_STATE_SUBMITTED' } })
    expect(events[0].task.history).toMatchObject([{ role: 'ROLE_USER', parts: [{ text: 'deep dive' }] }])
    expect(events[1].statusUpdate).toEqual({
      taskId: events[0].task.id,
      contextId: events[0].task.contextId,
      status: { state: 'TASK_STATE_WORKING', timestamp: expect.any(String) },
    })
    expect(events[3].artifactUpdate).toMatchObject({
      artifact: { parts: [{ text: ' Part two.' }] },
      append: true,
      lastChunk: true,
    })
    expect(events[4].statusUpdate.status.state).toBe('TASK_STATE_COMPLETED')
  })

  test('the delay between events paces the stream: the events arrive one by one', async () => {
    const response = await post({
      jsonrpc: '2.0',
      id: 7,
      method: 'SendStreamingMessage',
      params: v1Message('deep'),
    })
    const { events, eventsPerRead } = await readIncrementally(response.body!)
    expect(events).toHaveLength(5)
    expect(eventsPerRead.length).toBeGreaterThan(1)
  })

  test('SendMessage wraps the task; GetTask answers with the Task itself; ListTasks pages them', async () => {
    const sent = await (
      await post({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: v1Message('summarize') })
    ).json()
    expect(sent.result.task).toMatchObject({ status: { state: 'TASK_STATE_COMPLETED' } })
    const id = sent.result.task.id
    const got = await (await post({ jsonrpc: '2.0', id: 2, method: 'GetTask', params: { id } })).json()
    expect(got.result).toMatchObject({ id, artifacts: [{ parts: [{ text: 'The summary.' }] }] })
    const listed = await (
      await post({
        jsonrpc: '2.0',
        id: 3,
        method: 'ListTasks',
        params: { status: 'TASK_STATE_COMPLETED', pageSize: 1 },
      })
    ).json()
    expect(listed.result).toMatchObject({
      pageSize: 1,
      tasks: [{ status: { state: 'TASK_STATE_COMPLETED' } }],
    })
    expect(listed.result.totalSize).toBeGreaterThanOrEqual(1)
  })
})

describe('bad requests name what is wrong', () => {
  test.each([
    ['not JSON', '{', 400, -32700, 'Parse error'],
    ['a batch', [{ jsonrpc: '2.0', id: 1, method: 'tasks/get' }], 400, -32600, 'not a batch'],
    ['an unknown method', { jsonrpc: '2.0', id: 1, method: 'tasks/list' }, 200, -32601, 'tasks/list'],
    [
      'no message',
      { jsonrpc: '2.0', id: 1, method: 'message/send', params: {} },
      200,
      -32602,
      'params.message must be',
    ],
    [
      'a part with two contents',
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'SendMessage',
        params: { message: { messageId: 'm', parts: [{ text: 'a', url: 'b' }] } },
      },
      200,
      -32602,
      'params.message.parts[0]: expected one content',
    ],
    ['no task id', { jsonrpc: '2.0', id: 1, method: 'tasks/get', params: {} }, 200, -32602, 'params.id'],
    [
      'an unknown task',
      { jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } },
      200,
      -32001,
      'Task not found: x',
    ],
    [
      'push notifications',
      { jsonrpc: '2.0', id: 1, method: 'tasks/pushNotificationConfig/set', params: {} },
      200,
      -32003,
      'push',
    ],
  ])('%s', async (_name, body, status, code, words) => {
    const response = await post(body)
    expect(response.status).toBe(status)
    const answer = await response.json()
    expect(answer.error.code).toBe(code)
    expect(answer.error.message).toContain(words)
  })

  test('an unsupported A2A-Version header is refused with VersionNotSupportedError', async () => {
    const response = await post(
      { jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } },
      { headers: { 'A2A-Version': '2.0' } },
    )
    expect((await response.json()).error).toMatchObject({
      code: -32009,
      message: expect.stringContaining('1.0, 0.3'),
    })
  })

  test('an unknown agent is a 404 listing the agents; the endpoint takes POST only', async () => {
    const unknown = await post(
      { jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } },
      { path: '/a2a/nobody' },
    )
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.message).toContain(
      'no A2A agent "nobody" (agents: researcher, silent)',
    )
    const card = await fetch(`${served.url}/a2a/nobody/.well-known/agent-card.json`)
    expect(card.status).toBe(404)
    const get = await fetch(`${served.url}/a2a/researcher`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
  })

  test('an agent that does not stream says so on its card and refuses message/stream', async () => {
    const card = await (await fetch(`${served.url}/a2a/silent/.well-known/agent-card.json`)).json()
    expect(card.capabilities.streaming).toBe(false)
    const response = await post(
      { jsonrpc: '2.0', id: 1, method: 'message/stream', params: v03Message('hi') },
      { path: '/a2a/silent' },
    )
    expect((await response.json()).error).toMatchObject({
      code: -32004,
      message: expect.stringContaining('does not stream'),
    })
  })
})
