/**
 * The tool-call loop guard: a fixture that answers with tool calls never answers the turn that already
 * carries their results, unless its match names that turn. Through the openai and Anthropic SDKs (a whole
 * agent loop), and raw fetch on every chat surface (the guard works on the canonical request).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { rejection } from '../helpers/rejection'

let mock: Standin
let server: RunningServer
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
  anthropic = new Anthropic({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  },
]
const weatherCall = { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }

/**
 * The agent loop every tool-using app runs: ask, run each tool call, send the results, until the model
 * answers with text. Capped so a loop fails the test instead of hanging it.
 */
async function runOpenAIAgent(
  question: string,
  called: string[] = [],
  maxSteps = 5,
): Promise<{ answer: string; steps: number }> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  for (let step = 1; step <= maxSteps; step++) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages, tools })
    const message = completion.choices[0]!.message
    if (!message.tool_calls?.length) return { answer: message.content ?? '', steps: step }
    messages.push(message)
    for (const call of message.tool_calls) {
      if (call.type === 'function') called.push(call.function.name)
      messages.push({ role: 'tool', tool_call_id: call.id, content: '{"sky":"sunny","celsius":24}' })
    }
  }
  throw new Error(`the agent was still calling tools after ${maxSteps} steps`)
}

describe('through the openai SDK', () => {
  test("the README's single tool-call fixture gives a clear miss on the second request instead of looping", async () => {
    mock.on({ userMessage: 'weather' }, weatherCall, { id: 'weather-call' })
    const error = await rejection(runOpenAIAgent('What is the weather in Paris?'))
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.message).toContain('"weather-call" answers with a call to get_weather')
    expect(error.message).toContain('already carries its result')
    expect(error.message).toMatch(/toolCallId: "call_[\w-]+"/)
    expect(error.message).toContain('{ userMessage: "weather", hasToolResult: true }')
    // Two requests, not a loop: the tool call, then the miss.
    expect(mock.journal.size).toBe(2)
    const miss = mock.journal.last()!.miss!
    expect(miss.loopGuarded).toEqual([
      { fixtureId: 'weather-call', tool: 'get_weather', toolCallId: expect.stringMatching(/^call_/) },
    ])
    expect(miss.closest[0]!.mismatches).toEqual([
      expect.objectContaining({ field: 'toolResult', note: expect.stringContaining('loop') }),
    ])
  })

  test('call, result, answer: a fixture for the tool-result turn by toolCallId', async () => {
    mock.on(
      { userMessage: 'weather' },
      { toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    )
    mock.on({ toolCallId: 'call_weather_1' }, { content: 'It is sunny in Paris, 24°C.' })
    expect(await runOpenAIAgent('What is the weather in Paris?')).toEqual({
      answer: 'It is sunny in Paris, 24°C.',
      steps: 2,
    })
  })

  test('call, result, answer: the same text with hasToolResult, in either order', async () => {
    mock.on({ userMessage: 'weather', hasToolResult: true }, { content: 'Sunny.' })
    mock.on({ userMessage: 'weather' }, weatherCall)
    expect(await runOpenAIAgent('weather in Paris?')).toEqual({ answer: 'Sunny.', steps: 2 })

    mock.reset()
    mock.on({ userMessage: 'weather' }, weatherCall)
    mock.on({ userMessage: 'weather' }, { content: 'Sunny.' })
    expect(await runOpenAIAgent('weather in Paris?')).toEqual({ answer: 'Sunny.', steps: 2 })
  })

  test('the guard is per tool: a chain of different tools runs to its answer', async () => {
    mock.on(
      { userMessage: 'plan' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { id: 'first' },
    )
    mock.on({ userMessage: 'plan' }, { toolCalls: [{ name: 'book_table', arguments: {} }] }, { id: 'second' })
    mock.on({ userMessage: 'plan', hasToolResult: true }, { content: 'Booked, and it will be sunny.' })
    const called: string[] = []
    expect(await runOpenAIAgent('plan dinner', called)).toEqual({
      answer: 'Booked, and it will be sunny.',
      steps: 3,
    })
    // After the weather result `first` is passed over and `second` (another tool) answers; after both
    // results, the fixture for the tool-result turn.
    expect(called).toEqual(['get_weather', 'book_table'])
  })

  test('a response function is not known ahead, so it is left alone', async () => {
    let calls = 0
    mock.on({ userMessage: 'weather' }, () => (++calls < 3 ? weatherCall : { content: 'done' }))
    expect(await runOpenAIAgent('weather?')).toEqual({ answer: 'done', steps: 3 })
  })

  test('a tool result the wire links to no known call is not guarded', async () => {
    mock.on({ userMessage: 'weather' }, weatherCall)
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'tool', tool_call_id: 'unknown', content: 'sunny' },
      ],
    })
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(1)
  })
})

describe('through the Anthropic SDK', () => {
  test('call, result, answer with hasToolResult', async () => {
    mock.on({ userMessage: 'weather' }, weatherCall)
    mock.on({ userMessage: 'weather', hasToolResult: true }, { content: 'Sunny in Paris.' })
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'weather in Paris?' }]
    const tool = { name: 'get_weather', input_schema: { type: 'object' as const } }
    const first = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      tools: [tool],
      messages,
    })
    expect(first.stop_reason).toBe('tool_use')
    const use = first.content.find((b) => b.type === 'tool_use')!
    messages.push(
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny' }] },
    )
    const second = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      tools: [tool],
      messages,
    })
    expect(second.stop_reason).toBe('end_turn')
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'Sunny in Paris.' })])
  })

  test('the single tool-call fixture misses on the tool_result turn, naming the fixture to add', async () => {
    mock.on({ userMessage: 'weather' }, weatherCall, { id: 'weather-call' })
    const error = await rejection(
      anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'weather in Paris?' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
        ],
      }),
    )
    expect(error).toBeInstanceOf(Anthropic.NotFoundError)
    const message: string = error.error.error.message
    expect(message).toContain('"weather-call" answers with a call to get_weather')
    expect(message).toContain('toolCallId: "toolu_1"')
  })
})

/** The second turn of the weather conversation (the call `c1` answered) on each chat surface's wire. */
const secondTurns: Array<{ surface: string; path: string; headers?: Record<string, string>; body: unknown }> =
  [
    {
      surface: 'openai chat',
      path: '/v1/chat/completions',
      body: {
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        ],
      },
    },
    {
      surface: 'openai responses',
      path: '/v1/responses',
      body: {
        model: 'gpt-4o',
        input: [
          { role: 'user', content: 'weather?' },
          { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        ],
      },
    },
    {
      surface: 'anthropic',
      path: '/v1/messages',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: {
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'get_weather', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }] },
        ],
      },
    },
    {
      surface: 'gemini',
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'weather?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} } }] },
          {
            role: 'user',
            parts: [{ functionResponse: { name: 'get_weather', response: { sky: 'sunny' } } }],
          },
        ],
      },
    },
    {
      surface: 'bedrock converse',
      path: '/model/anthropic.claude-3-haiku/converse',
      body: {
        messages: [
          { role: 'user', content: [{ text: 'weather?' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 'c1', name: 'get_weather', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 'c1', content: [{ text: 'sunny' }] } }] },
        ],
      },
    },
    {
      surface: 'cohere',
      path: '/v2/chat',
      body: {
        model: 'command-a-03-2025',
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        ],
      },
    },
    {
      surface: 'ollama',
      path: '/api/chat',
      body: {
        model: 'llama3.2',
        stream: false,
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [{ function: { name: 'get_weather', arguments: {} } }],
          },
          { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
        ],
      },
    },
  ]

describe.each(secondTurns)('on $surface', ({ path, headers, body }) => {
  const post = () => postJson(`${server.url}${path}`, body, headers)

  test('the tool-call fixture does not answer the turn carrying its result', async () => {
    mock.on({ userMessage: 'weather' }, weatherCall, { id: 'weather-call' })
    const response = await post()
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('answering it again would make the agent loop')
  })

  test('a fixture naming the tool-result turn answers it', async () => {
    mock.on({ userMessage: 'weather' }, weatherCall)
    mock.on({ userMessage: 'weather', hasToolResult: true }, { content: 'It is sunny.' })
    const response = await post()
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('It is sunny.')
  })
})

describe('seed fixture files that name their turns keep working unchanged', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'standin-loop-seed-'))
    // The seed's (AIMock's) format: turnIndex, hasToolResult, sequenceIndex and toolCallId name the turns.
    const fixtures = [
      { match: { userMessage: 'weather', turnIndex: 0 }, response: weatherCall },
      { match: { userMessage: 'weather', turnIndex: 1 }, response: { content: 'turnIndex: sunny' } },
      { match: { userMessage: 'plan', hasToolResult: false }, response: weatherCall },
      { match: { userMessage: 'plan', hasToolResult: true }, response: { content: 'hasToolResult: sunny' } },
      { match: { userMessage: 'retry', sequenceIndex: 0 }, response: weatherCall },
      { match: { userMessage: 'retry', sequenceIndex: 1 }, response: weatherCall },
      { match: { userMessage: 'retry', sequenceIndex: 2 }, response: { content: 'sequenceIndex: sunny' } },
      { match: { toolCallId: 'call_stock' }, response: { content: 'toolCallId: up 2%' } },
      {
        match: { userMessage: 'stock' },
        response: { toolCalls: [{ id: 'call_stock', name: 'get_weather', arguments: {} }] },
      },
    ]
    writeFileSync(join(dir, 'agent.json'), JSON.stringify({ fixtures }))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test.each([
    ['weather in Paris?', 'turnIndex: sunny', 2],
    ['plan my day', 'hasToolResult: sunny', 2],
    ['retry the forecast', 'sequenceIndex: sunny', 3],
    ['stock price?', 'toolCallId: up 2%', 2],
  ])('%s → %s in %i steps', async (question, answer, steps) => {
    const seeded = createStandin({ fixtures: dir })
    const running = await seeded.listen({ port: 0 })
    const previous = openai
    openai = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: 'k', maxRetries: 0 })
    try {
      expect(await runOpenAIAgent(question)).toEqual({ answer, steps })
    } finally {
      openai = previous
      await running.close()
    }
  })
})
