/**
 * A required field sent with the wrong JSON type is told apart from a missing one, in each provider's own
 * error shape: `"messages": "bad"` is a type error naming the field, never "Missing required parameter".
 * Raw fetch, as a hand-rolled client would send it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer } from '../../src'
import { postJson } from '../helpers/mock-server'

let server: RunningServer
beforeAll(async () => {
  server = await createStandin().listen({ port: 0 })
})
afterAll(() => server.close())

interface Case {
  surface: string
  path: string
  body: Record<string, unknown>
  /** The error message, wherever the provider's envelope puts it. */
  message: (json: any) => string
  /** What the message says. */
  says: RegExp
}

const openai = (json: any) => json.error.message
const anthropic = (json: any) => json.error.message
const google = (json: any) => json.error.message
const plain = (json: any) => json.message
const ollama = (json: any) => json.error

const wrongTyped: Case[] = [
  {
    surface: 'openai chat',
    path: '/v1/chat/completions',
    body: { model: 'gpt-4o', messages: 'bad' },
    message: openai,
    says: /^Invalid type for 'messages': expected an array of objects, but got a string instead\.$/,
  },
  {
    surface: 'openai chat (model)',
    path: '/v1/chat/completions',
    body: { model: 4, messages: [{ role: 'user', content: 'hi' }] },
    message: openai,
    says: /^Invalid type for 'model': expected a string, but got a number instead\.$/,
  },
  {
    surface: 'openai responses',
    path: '/v1/responses',
    body: { model: 'gpt-4o', input: 5 },
    message: openai,
    says: /^Invalid type for 'input': expected a string or an array of input items, but got a number instead\.$/,
  },
  {
    surface: 'openai embeddings',
    path: '/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: { text: 'x' } },
    message: openai,
    says: /^Invalid type for 'input': .*but got an object instead\.$/,
  },
  {
    surface: 'anthropic',
    path: '/v1/messages',
    body: { model: 'claude-sonnet-4-6', max_tokens: 10, messages: 'bad' },
    message: anthropic,
    says: /^messages: Input should be a valid list$/,
  },
  {
    surface: 'gemini',
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    body: { contents: 'bad' },
    message: google,
    says: /GenerateContentRequest\.contents: expected an array of Content objects/,
  },
  {
    surface: 'gemini embedContent',
    path: '/v1beta/models/gemini-embedding-001:embedContent',
    body: { content: 'bad' },
    message: google,
    says: /EmbedContentRequest\.content: expected a Content object, got string/,
  },
  {
    surface: 'bedrock converse',
    path: '/model/anthropic.claude-3-haiku/converse',
    body: { messages: 'bad' },
    message: plain,
    says: /Value at 'messages' failed to satisfy constraint: Member must be a list/,
  },
  {
    surface: 'cohere chat',
    path: '/v2/chat',
    body: { model: 'command-a-03-2025', messages: 'bad' },
    message: plain,
    says: /^invalid request: messages must be an array, got string\.$/,
  },
  {
    surface: 'cohere embed',
    path: '/v2/embed',
    body: { model: 'embed-v4.0', input_type: 'search_query', texts: 'bad' },
    message: plain,
    says: /^invalid request: texts must be an array of strings\.$/,
  },
  {
    surface: 'ollama chat',
    path: '/api/chat',
    body: { model: 'llama3.2', messages: 'bad' },
    message: ollama,
    says: /^invalid type for 'messages': expected an array/,
  },
  {
    surface: 'ollama chat (model)',
    path: '/api/chat',
    body: { model: 3, messages: [] },
    message: ollama,
    says: /^invalid type for 'model': expected a string, got number$/,
  },
  {
    surface: 'ollama embed',
    path: '/api/embed',
    body: { model: 'all-minilm', input: 5 },
    message: ollama,
    says: /'input' must be a string or a non-empty array of strings/,
  },
]

const missing: Case[] = [
  {
    surface: 'openai chat',
    path: '/v1/chat/completions',
    body: { model: 'gpt-4o' },
    message: openai,
    says: /^Missing required parameter: 'messages'\.$/,
  },
  {
    surface: 'openai responses',
    path: '/v1/responses',
    body: { model: 'gpt-4o', input: [{ type: 'function_call_output', output: 'x' }] },
    message: openai,
    says: /^Missing required parameter: 'input\[0\]\.call_id'\.$/,
  },
  {
    surface: 'openai embeddings',
    path: '/v1/embeddings',
    body: { model: 'text-embedding-3-small' },
    message: openai,
    says: /^Missing required parameter: 'input'\.$/,
  },
  {
    surface: 'anthropic',
    path: '/v1/messages',
    body: { model: 'claude-sonnet-4-6', max_tokens: 10 },
    message: anthropic,
    says: /^messages: Field required$/,
  },
  {
    surface: 'gemini',
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    body: {},
    message: google,
    says: /GenerateContentRequest\.contents: contents is not specified/,
  },
  {
    surface: 'gemini embedContent',
    path: '/v1beta/models/gemini-embedding-001:embedContent',
    body: {},
    message: google,
    says: /EmbedContentRequest\.content: content is not specified/,
  },
  {
    surface: 'bedrock converse',
    path: '/model/anthropic.claude-3-haiku/converse',
    body: {},
    message: plain,
    says: /Value at 'messages' failed to satisfy constraint: Member must not be null/,
  },
  {
    surface: 'cohere chat',
    path: '/v2/chat',
    body: { model: 'command-a-03-2025' },
    message: plain,
    says: /^invalid request: messages is required\.$/,
  },
  {
    surface: 'cohere embed',
    path: '/v2/embed',
    body: { model: 'embed-v4.0', input_type: 'search_query' },
    message: plain,
    says: /^invalid request: texts must be given/,
  },
  {
    surface: 'ollama chat',
    path: '/api/chat',
    body: { messages: [] },
    message: ollama,
    says: /^model is required$/,
  },
  {
    surface: 'ollama embed',
    path: '/api/embed',
    body: { model: 'all-minilm' },
    message: ollama,
    says: /^input is required$/,
  },
]

const send = (path: string, body: unknown) =>
  postJson(`${server.url}${path}`, body, { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' })

describe('a wrong-typed required field is a 400 that names the field and its type', () => {
  test.each(wrongTyped)('$surface', async ({ path, body, message, says }) => {
    const response = await send(path, body)
    expect(response.status).toBe(400)
    const text = message(await response.json())
    expect(text).toMatch(says)
    expect(text).not.toMatch(/missing|required|not specified/i)
  })
})

describe('a missing required field is a 400 that says it is missing', () => {
  test.each(missing)('$surface', async ({ path, body, message, says }) => {
    const response = await send(path, body)
    expect(response.status).toBe(400)
    expect(message(await response.json())).toMatch(says)
  })
})
