/**
 * The README's "My SDK still calls the real API" table, checked: with the variables the runners set
 * (`applyProviderEnv`), a client built with no URL reaches the mock when its SDK reads one, and the SDKs
 * the table says read nothing (or the wrong thing) do not.
 */
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { createAnthropic } from '@ai-sdk/anthropic'
import { createOpenAI } from '@ai-sdk/openai'
import Anthropic from '@anthropic-ai/sdk'
import { GoogleGenAI } from '@google/genai'
import { ChatOpenAI } from '@langchain/openai'
import { generateText } from 'ai'
import { Ollama } from 'ollama'
import OpenAI, { AzureOpenAI } from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { applyProviderEnv, createStandin } from '../../src'

const mock = createStandin()
let url = ''
let restore = () => {}
let close = async () => {}

beforeAll(async () => {
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
  mock.onMessage('hello', { content: 'Hi from standin' })
  restore = applyProviderEnv(url)
})
afterAll(async () => {
  restore()
  await close()
})
beforeEach(() => mock.journal.clear())

const reached = () => mock.journal.entries.map((entry) => `${entry.method} ${entry.path.split('?')[0]}`)

describe('SDKs that read the variable standin sets reach the mock with no URL in code', () => {
  test('openai reads OPENAI_BASE_URL', async () => {
    const reply = await new OpenAI().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(reply.choices[0]?.message.content).toBe('Hi from standin')
    expect(reached()).toEqual(['POST /v1/chat/completions'])
  })

  test('AzureOpenAI reads AZURE_OPENAI_ENDPOINT', async () => {
    const client = new AzureOpenAI({ apiVersion: '2024-10-21', deployment: 'gpt-4o' })
    const reply = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(reply.choices[0]?.message.content).toBe('Hi from standin')
  })

  test('@anthropic-ai/sdk reads ANTHROPIC_BASE_URL', async () => {
    const reply = await new Anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(reply.content[0]).toMatchObject({ type: 'text', text: 'Hi from standin' })
  })

  test('@google/genai reads GOOGLE_GEMINI_BASE_URL', async () => {
    const reply = await new GoogleGenAI({ apiKey: 'test' }).models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'hello',
    })
    expect(reply.text).toBe('Hi from standin')
  })

  test('the Bedrock runtime client reads AWS_ENDPOINT_URL_BEDROCK_RUNTIME', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const reply = await client.send(
      new ConverseCommand({
        modelId: 'anthropic.claude-3-haiku',
        messages: [{ role: 'user', content: [{ text: 'hello' }] }],
      }),
    )
    expect(reply.output?.message?.content?.[0]?.text).toBe('Hi from standin')
  })

  test('the AI SDK openai provider reads OPENAI_BASE_URL', async () => {
    const { text } = await generateText({ model: createOpenAI().chat('gpt-4o'), prompt: 'hello' })
    expect(text).toBe('Hi from standin')
  })

  test('LangChain ChatOpenAI reads OPENAI_BASE_URL through the openai SDK', async () => {
    const reply = await new ChatOpenAI({ model: 'gpt-4o', maxRetries: 0 }).invoke('hello')
    expect(reply.content).toBe('Hi from standin')
  })
})

describe('SDKs the table says need a URL in code', () => {
  test('ollama reads no variable, so OLLAMA_HOST must be passed as host', async () => {
    expect(process.env.OLLAMA_HOST).toBe(url)
    const withHost = new Ollama({ host: process.env.OLLAMA_HOST })
    const reply = await withHost.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hello' }] })
    expect(reply.message.content).toBe('Hi from standin')
    // Without it the client keeps its default host, whatever the environment says.
    expect((new Ollama() as unknown as { config: { host: string } }).config.host).toBe(
      'http://127.0.0.1:11434',
    )
  })

  test('the AI SDK anthropic provider appends /messages to ANTHROPIC_BASE_URL, which standin also serves', async () => {
    const { text } = await generateText({
      model: createAnthropic()('claude-test'),
      prompt: 'hello',
      maxRetries: 0,
    })
    expect(text).toBe('Hi from standin')
    expect(reached()).toEqual(['POST /messages'])

    const withV1 = createAnthropic({ baseURL: `${process.env.STANDIN_URL}/v1` })
    const second = await generateText({ model: withV1('claude-test'), prompt: 'hello' })
    expect(second.text).toBe('Hi from standin')
    expect(reached()).toEqual(['POST /messages', 'POST /v1/messages'])
  })
})
