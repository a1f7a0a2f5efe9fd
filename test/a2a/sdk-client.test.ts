import { DefaultAgentCardResolver } from '@a2a-js/sdk/client'
import { TaskNotCancelableError, TaskNotFoundError, UnsupportedOperationError } from '@a2a-js/sdk/errors'
import { beforeAll, describe, expect, test } from 'vitest'
import { matchers, type StandinA2aServer } from '../../src/internal'
import {
  CLIENTS,
  collect,
  isTask,
  sendRequest,
  startA2aMock,
  summarize,
  textOf,
  v1Client,
  type A2aMock,
} from './a2a-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveReceivedRequest(expected: Record<string, unknown>): T
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
  }
}
expect.extend(matchers)

/** Two agents, each with its own fixtures. */
function defineAgents(a2a: StandinA2aServer): void {
  a2a
    .registerAgent({
      name: 'translator',
      description: 'Translates text',
      skills: [{ id: 'translate', name: 'Translate', tags: ['language'] }],
    })
    .registerAgent({ name: 'researcher', description: 'Researches topics', version: '2.1.0' })
    .onMessage('translator', 'translate', [{ text: 'Translated text' }])
    .onMessage('researcher', 'translate', 'Not my job: ask the translator')
    .onTask('researcher', 'summarize', [{ name: 'summary', parts: [{ text: 'The summary.' }] }])
    .onStreamingTask(
      'researcher',
      'deep',
      [
        { type: 'status', state: 'TASK_STATE_WORKING' },
        { type: 'artifact', name: 'report', parts: [{ text: 'Part one.' }] },
        { type: 'artifact', name: 'report', parts: [{ text: ' Part two.' }], append: true, lastChunk: true },
      ],
      5,
    )
    // Long enough that the test acts while it runs; canceling wakes it at once.
    .onStreamingTask('researcher', 'long job', [{ type: 'status', state: 'working' }], 60_000)
    .onStreamingTask(
      'researcher',
      'resume',
      [
        { type: 'status', state: 'working' },
        { type: 'artifact', name: 'out', parts: [{ text: 'A' }] },
        { type: 'artifact', name: 'out', parts: [{ text: 'B' }], append: true, lastChunk: true },
      ],
      100,
    )
}

let served: A2aMock
beforeAll(async () => {
  served = await startA2aMock()
  defineAgents(served.a2a)
})

describe('agent cards', () => {
  test('each agent has its card at its own path; the root and the mount point serve the first agent', async () => {
    const resolver = new DefaultAgentCardResolver()
    const root = await resolver.resolve(`${served.url}/`)
    expect(root).toMatchObject({
      name: 'translator',
      description: 'Translates text',
      capabilities: { streaming: true, pushNotifications: false },
      skills: [{ id: 'translate', name: 'Translate', tags: ['language'] }],
    })
    expect(root.supportedInterfaces).toEqual([
      { url: `${served.url}/a2a/translator`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: `${served.url}/a2a/translator`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ])
    expect((await resolver.resolve(`${served.url}/a2a/`)).name).toBe('translator')
    const researcher = await resolver.resolve(`${served.url}/a2a/researcher/`)
    expect(researcher).toMatchObject({ name: 'researcher', version: '2.1.0' })
    expect(researcher.supportedInterfaces[0]!.url).toBe(`${served.url}/a2a/researcher`)

    const client = await v1Client(`${served.url}/a2a/researcher/`)
    expect((await client.getAgentCard()).name).toBe('researcher')
  })
})

describe.each(CLIENTS)('@a2a-js/sdk client speaking A2A %s', (version, connect) => {
  test('a message is answered with the agent message of the fixture for that agent', async () => {
    const translator = await connect(`${served.url}/`)
    const reply = await translator.sendMessage(sendRequest('please translate this'))
    expect(isTask(reply)).toBe(false)
    if (isTask(reply)) return
    expect(textOf(reply.parts)).toBe('Translated text')
    expect(reply.role).toBe(2)
    expect(reply.contextId).not.toBe('')

    // The same words to another agent reach that agent's fixtures only.
    const researcher = await connect(`${served.url}/a2a/researcher/`)
    const other = await researcher.sendMessage(sendRequest('please translate this'))
    expect(!isTask(other) && textOf(other.parts)).toBe('Not my job: ask the translator')
  })

  test('a message is answered with a completed task holding the artifacts', async () => {
    const client = await connect(`${served.url}/a2a/researcher/`)
    const task = await client.sendMessage(sendRequest('summarize the news', { contextId: 'ctx-42' }))
    expect(isTask(task)).toBe(true)
    if (!isTask(task)) return
    expect(task.status?.state).toBe(3)
    expect(task.contextId).toBe('ctx-42')
    expect(task.artifacts.map((a) => [a.name, textOf(a.parts)])).toEqual([['summary', 'The summary.']])
    expect(task.history.map((m) => textOf(m.parts))).toEqual(['summarize the news'])
    expect(task.history[0]!.taskId).toBe(task.id)
  })

  test('a streamed task sends the task, then its status updates and artifact chunks in order', async () => {
    const client = await connect(`${served.url}/a2a/researcher/`)
    const events = await collect(client.sendMessageStream(sendRequest('a deep dive')))
    expect(summarize(events)).toEqual([
      'task:submitted',
      'status:working',
      'artifact:report=Part one.',
      'artifact:report+= Part two.',
      'status:completed',
    ])
    const first = events[0]!.payload!
    if (first.$case !== 'task') throw new Error('expected the task first')
    const task = await client.getTask({ tenant: '', id: first.value.id })
    expect(task.status?.state).toBe(3)
    expect(task.artifacts.map((a) => textOf(a.parts))).toEqual(['Part one. Part two.'])
    expect(task.history.map((m) => textOf(m.parts))).toEqual(['a deep dive'])
  })

  test('a running task is canceled; a completed one cannot be, and an unknown one is not found', async () => {
    const client = await connect(`${served.url}/a2a/researcher/`)
    const started = await client.sendMessage({
      ...sendRequest('a long job'),
      configuration: {
        returnImmediately: true,
        acceptedOutputModes: [],
        taskPushNotificationConfig: undefined,
      },
    })
    if (!isTask(started)) throw new Error('expected a task')
    expect(started.status?.state).toBe(1)
    const canceled = await client.cancelTask({ tenant: '', id: started.id, metadata: undefined })
    expect(canceled.status?.state).toBe(5)
    expect((await client.getTask({ tenant: '', id: started.id })).status?.state).toBe(5)

    const done = await client.sendMessage(sendRequest('summarize this'))
    if (!isTask(done)) throw new Error('expected a task')
    await expect(client.cancelTask({ tenant: '', id: done.id, metadata: undefined })).rejects.toBeInstanceOf(
      TaskNotCancelableError,
    )
    await expect(client.getTask({ tenant: '', id: 'task_nope' })).rejects.toBeInstanceOf(TaskNotFoundError)
  })

  test('resubscribing to a running task sends its state now, then the rest of its events', async () => {
    const client = await connect(`${served.url}/a2a/researcher/`)
    const started = await client.sendMessage({
      ...sendRequest('resume later'),
      configuration: {
        returnImmediately: true,
        acceptedOutputModes: [],
        taskPushNotificationConfig: undefined,
      },
    })
    if (!isTask(started)) throw new Error('expected a task')
    const events = summarize(await collect(client.resubscribeTask({ tenant: '', id: started.id })))
    expect(events[0]).toMatch(/^task:/)
    const rest = events.slice(1)
    const all = ['status:working', 'artifact:out=A', 'artifact:out+=B', 'status:completed']
    expect(rest).toEqual(all.slice(all.length - rest.length))
    expect(rest.at(-1)).toBe('status:completed')
    const task = await client.getTask({ tenant: '', id: started.id })
    expect(task.artifacts.map((a) => textOf(a.parts))).toEqual(['AB'])
  })

  test('resubscribing to a task that has ended follows the protocol version', async () => {
    const client = await connect(`${served.url}/a2a/researcher/`)
    const done = await client.sendMessage(sendRequest('summarize again'))
    if (!isTask(done)) throw new Error('expected a task')
    const stream = client.resubscribeTask({ tenant: '', id: done.id })
    if (version === 'v1.0') {
      // v1.0: UnsupportedOperationError for a task in a terminal state.
      await expect(collect(stream)).rejects.toBeInstanceOf(UnsupportedOperationError)
    } else {
      // v0.3: the task as it ended, then the end of the stream.
      expect(summarize(await collect(stream))).toEqual(['task:completed'])
    }
  })
})

test('every call lands in the journal with its JSON-RPC method and params', async () => {
  const { mock } = served
  mock.journal.clear()
  const v03 = await CLIENTS[1][1](`${served.url}/`)
  await v03.sendMessage(sendRequest('translate hello'))
  const v1 = await CLIENTS[0][1](`${served.url}/`)
  await v1.sendMessage(sendRequest('translate goodbye'))

  expect(mock).toHaveReceivedRequest({ rpcMethod: 'message/send' })
  expect(mock).toHaveReceivedRequest({ rpcMethod: 'SendMessage' })
  const sent = mock.journal.last({ method: 'POST' })!
  expect(sent).toMatchObject({
    path: '/a2a/translator',
    surface: 'a2a',
    request: {
      kind: 'rpc',
      method: 'SendMessage',
      params: { message: { parts: [{ text: 'translate goodbye' }] } },
    },
    response: { status: 200, stream: false, text: 'Translated text' },
    fixture: { id: 'translator#1', source: 'onMessage("translator")' },
  })
  // The text sent to an agent, in either version, is a message the mock received.
  expect(mock).toHaveReceivedMessage('translate hello', { role: 'user' })
  expect(mock).toHaveReceivedMessage(/goodbye$/)
  expect(mock).not.toHaveReceivedMessage('never sent')
})
