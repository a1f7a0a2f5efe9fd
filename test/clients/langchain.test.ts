import { AIMessageChunk } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
beforeAll(async () => {
  server = await startOpenAIMock()
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const chat = (options: { streamUsage?: boolean } = {}) =>
  new ChatOpenAI({
    model: 'gpt-4o',
    apiKey: 'test-key',
    maxRetries: 0,
    configuration: { baseURL: `${server.url}/v1` },
    ...options,
  })

const lookup = tool(async ({ sku }) => `stock for ${sku}`, {
  name: 'lookup_stock',
  description: 'Stock level for a product',
  schema: z.object({ sku: z.string(), warehouse: z.number() }),
})

describe('LangChain ChatOpenAI', () => {
  test('invoke returns the fixture text as an AIMessage', async () => {
    server.mock.onMessage('hello', {
      content: 'Hello from standin',
      usage: { prompt_tokens: 5, completion_tokens: 3 },
    })
    const message = await chat().invoke('hello langchain')
    expect(message.content).toBe('Hello from standin')
    expect(message.usage_metadata).toMatchObject({ input_tokens: 5, output_tokens: 3, total_tokens: 8 })
    expect(message.response_metadata.finish_reason).toBe('stop')
  })

  test('system messages reach the fixture matcher', async () => {
    server.mock.on({ systemMessage: ['terse', 'French'] }, { content: 'Oui.' })
    const message = await chat().invoke([
      ['system', 'Be terse. Answer in French.'],
      ['human', 'Can you help?'],
    ])
    expect(message.content).toBe('Oui.')
  })

  test('stream yields several chunks that concatenate to the fixture text', async () => {
    server.mock.onMessage('stream', { content: 'LangChain streams this in pieces.' }, { chunkSize: 4 })
    const chunks: AIMessageChunk[] = []
    for await (const chunk of await chat().stream('stream please')) chunks.push(chunk)
    const texts = chunks.map((c) => c.content).filter((t) => t !== '')
    expect(texts.length).toBeGreaterThan(2)
    expect(texts.join('')).toBe('LangChain streams this in pieces.')
    const whole = chunks.reduce((a, b) => a.concat(b))
    expect(whole.content).toBe('LangChain streams this in pieces.')
  })

  test('bindTools: invoke returns tool calls with parsed args', async () => {
    server.mock.onToolCall('lookup_stock', {
      toolCalls: [
        { name: 'lookup_stock', arguments: { sku: 'A-1', warehouse: 3 } },
        { name: 'lookup_stock', arguments: { sku: 'B-2', warehouse: 7 }, id: 'call_b2' },
      ],
    })
    const message = await chat().bindTools([lookup]).invoke('how many A-1 and B-2?')
    expect(message.tool_calls).toHaveLength(2)
    expect(message.tool_calls![0]).toMatchObject({ name: 'lookup_stock', args: { sku: 'A-1', warehouse: 3 } })
    expect(message.tool_calls![0]!.id).toMatch(/^call_/)
    expect(message.tool_calls![1]).toMatchObject({
      name: 'lookup_stock',
      args: { sku: 'B-2', warehouse: 7 },
      id: 'call_b2',
    })
    const request = server.mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.tools[0]).toMatchObject({
      name: 'lookup_stock',
      description: 'Stock level for a product',
    })
  })

  test('bindTools: streamed tool call chunks concatenate into parsed args', async () => {
    server.mock.onToolCall(
      'lookup_stock',
      { toolCalls: [{ name: 'lookup_stock', arguments: { sku: 'C-3', warehouse: 1 } }] },
      { chunkSize: 4 },
    )
    let whole: AIMessageChunk | undefined
    let pieces = 0
    for await (const chunk of await chat().bindTools([lookup]).stream('stock of C-3?')) {
      if (chunk.tool_call_chunks?.length) pieces++
      whole = whole ? whole.concat(chunk) : chunk
    }
    expect(pieces).toBeGreaterThan(1)
    expect(whole!.tool_calls).toHaveLength(1)
    expect(whole!.tool_calls![0]).toMatchObject({ name: 'lookup_stock', args: { sku: 'C-3', warehouse: 1 } })
  })

  test('an error fixture surfaces as a thrown error with the status', async () => {
    server.mock.onMessage('fail', {
      error: { message: 'Rate limited', type: 'rate_limit_error' },
      status: 429,
    })
    await expect(chat().invoke('fail now')).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('Rate limited'),
    })
  })

  test('OpenAIEmbeddings embeds queries with fixture vectors', async () => {
    server.mock.onEmbedding('query', [0.125, 0.5])
    const embeddings = new OpenAIEmbeddings({
      model: 'text-embedding-3-small',
      apiKey: 'test-key',
      maxRetries: 0,
      configuration: { baseURL: `${server.url}/v1` },
    })
    expect(await embeddings.embedQuery('a query')).toEqual([0.125, 0.5])
    const docs = await embeddings.embedDocuments(['one', 'two'])
    expect(docs).toHaveLength(2)
    expect(docs[0]).toHaveLength(1536)
    expect(docs[0]).not.toEqual(docs[1])
  })
})
