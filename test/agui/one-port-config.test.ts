import { HttpAgent, type AssistantMessage } from '@ag-ui/client'
import { join } from 'node:path'
import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { loadConfig } from '../../src/config/config-file'
import { createAguiServer, createStandin, matchers, type JournalEntry } from '../../src/internal'
import { ROOT, runCli, startCli, tempFiles } from '../cli/cli-process'

const files = {
  'aimock.json': {
    llm: { fixtures: './llm.json' },
    agui: {
      fixtures: [
        { match: { message: 'hello' }, text: 'Hi from the agent' },
        {
          id: 'search-call',
          match: { toolName: 'search' },
          toolCalls: [{ name: 'search', arguments: { q: 'standin' } }],
        },
        {
          match: { message: { regex: '^replay', flags: 'i' } },
          events: [
            { type: 'RUN_STARTED', threadId: 'recorded', runId: 'recorded' },
            { type: 'TEXT_MESSAGE_START', messageId: 'm1', role: 'assistant' },
            { type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta: 'replayed' },
            { type: 'TEXT_MESSAGE_END', messageId: 'm1' },
            { type: 'RUN_FINISHED', threadId: 'recorded', runId: 'recorded' },
          ],
        },
      ],
    },
  },
  'llm.json': { fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'Hi from the LLM' } }] },
}

async function run(url: string, text: string, tools: { name: string; description: string }[] = []) {
  const agent = new HttpAgent({ url, threadId: 'cli-thread' })
  agent.addMessage({ id: 'u1', role: 'user', content: text })
  const { newMessages } = await agent.runAgent({ tools })
  return newMessages[0] as AssistantMessage
}

test('one config file in the seed format serves the LLM and an AG-UI agent on one port, journaled together', async () => {
  const dir = tempFiles(files)
  const served = await startCli(['serve', '--config', join(dir, 'aimock.json'), '--port', '0'])
  await served.waitForStdout(/Press Ctrl\+C to stop/)
  expect(served.stdout()).toMatch(
    /POST\s+\/agui\s+AG-UI agent, RunAgentInput in, SSE events out \(3 fixtures\)/,
  )
  expect(served.stdout()).not.toContain('not yet served')

  const openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'x', maxRetries: 0 })
  const reply = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(reply.choices[0]!.message.content).toBe('Hi from the LLM')

  const agui = `${served.url}/agui`
  expect((await run(agui, 'hello')).content).toBe('Hi from the agent')
  const call = (await run(agui, 'look it up', [{ name: 'search', description: 'Search' }])).toolCalls![0]!
  expect([call.function.name, JSON.parse(call.function.arguments)]).toEqual(['search', { q: 'standin' }])
  expect((await run(agui, 'Replay that')).content).toBe('replayed')

  const journal = (await (await fetch(`${served.url}/__standin/journal`)).json()) as JournalEntry[]
  expect(journal.map((e) => e.surface)).toEqual(['openai.chat', 'agui', 'agui', 'agui'])
  expect(matchers.toHaveReturnedToolCall(journal, 'search', { q: 'standin' }).pass).toBe(true)
  expect(matchers.toHaveServedFixture(journal, 'search-call').pass).toBe(true)
  expect(matchers.toHaveReceivedMessage(journal, 'Replay that').pass).toBe(true)
  expect(await served.stop()).toBe(0)
})

test('fixtures in a file next to the config, at a configured path', async () => {
  const dir = tempFiles({
    'aimock.json': { agui: { path: '/agent', chunkSize: 2, fixtures: './agui.json' } },
    'agui.json': { fixtures: [{ match: { message: 'hi' }, text: 'hello' }] },
  })
  const served = await startCli(['serve', '--config', 'aimock.json', '--port', '0'], { cwd: dir })
  await served.waitForStdout(/Press Ctrl\+C to stop/)
  const deltas: string[] = []
  const agent = new HttpAgent({ url: `${served.url}/agent` })
  agent.addMessage({ id: 'u1', role: 'user', content: 'hi' })
  await agent.runAgent({}, { onTextMessageContentEvent: ({ event }) => void deltas.push(event.delta) })
  expect(deltas).toEqual(['he', 'll', 'o'])
  const journal = (await (await fetch(`${served.url}/__standin/journal`)).json()) as JournalEntry[]
  expect(journal[0]!.fixture).toEqual({ id: 'agui#0', source: 'agui.json#fixtures[0]' })
  expect(await served.stop()).toBe(0)
})

test('a bad AG-UI fixture file stops serve before listening, naming the file and JSON path', async () => {
  const dir = tempFiles({
    'aimock.json': { agui: { fixtures: './agui.json' } },
    'agui.json': [
      { match: { message: 'ok' }, text: 'ok' },
      { match: { mesage: 'typo' }, text: 'x' },
    ],
  })
  const result = await runCli(['serve', '--config', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(
    'agui.json at [1].match.mesage: unknown field "mesage" (known here: message, toolCallId, toolName, stateKey)',
  )
})

test('the agui section is validated like the rest of the config', async () => {
  const dir = tempFiles({
    'aimock.json': { agui: { fixtures: [{ match: {}, text: 'x', events: [] }], pth: '/x' } },
  })
  const result = await runCli(['validate', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('aimock.json at agui.pth: unknown field "pth" (known in agui: path,')
  expect(result.stderr).toContain(
    'aimock.json at agui.fixtures[0].events: "events" is a whole run and cannot be combined with "text"',
  )
})

test("the peer's AG-UI example config loads as it is, and its recorded run is replayed under the request's ids", async () => {
  const example = join(ROOT, 'node_modules/@copilotkit/aimock/fixtures/examples/agui/agui-text-response.json')
  const { agui } = loadConfig(example)
  const mock = createStandin({ strict: false }).mount(agui!.path, createAguiServer(agui!.options))
  const agent = new HttpAgent({
    url: 'http://mock.test/agui',
    threadId: 'my-thread',
    fetch: (url, init) => mock.handle(new Request(url, init)),
  })
  agent.addMessage({ id: 'u1', role: 'user', content: 'search the news' })
  const started: string[] = []
  const { newMessages } = await agent.runAgent(
    { runId: 'my-run' },
    { onRunStartedEvent: ({ event }) => void started.push(`${event.threadId}/${event.runId}`) },
  )
  expect(started).toEqual(['my-thread/my-run'])
  expect(newMessages).toMatchObject([
    { role: 'assistant', toolCalls: [{ id: 'tc1', function: { name: 'web_search' } }] },
    { role: 'assistant', content: 'Here are the latest results...' },
  ])
})
