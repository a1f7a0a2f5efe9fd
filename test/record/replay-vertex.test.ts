/**
 * Record, then replay, on Vertex AI: Gemini through @google/genai in Vertex mode (project and location in
 * the path), and Claude through @anthropic-ai/sdk with the request rewrite AnthropicVertex makes
 * (`:rawPredict` / `:streamRawPredict`, the model in the path), against the fake upstream.
 */
import Anthropic from '@anthropic-ai/sdk'
import { GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { assembled } from './gemini-parts'
import { recordThenReplay, TEST_KEY } from './harness'

const PROJECT = 'test-project'
const REGION = 'us-central1'
const PARENT = `/v1beta1/projects/${PROJECT}/locations/${REGION}/publishers/google/models`

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

// ---------------------------------------------------------------------------------------------------------
// Gemini on Vertex AI
// ---------------------------------------------------------------------------------------------------------

const gemini = (url: string) =>
  new GoogleGenAI({
    vertexai: true,
    project: PROJECT,
    location: REGION,
    // An API key (and project id) keeps google-auth-library offline: no ADC lookup, no metadata server.
    googleAuthOptions: { apiKey: TEST_KEY, projectId: PROJECT },
    httpOptions: { baseUrl: url },
  })
const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] }]

function seen(chunks: GenerateContentResponse[]) {
  const last = chunks.at(-1)!
  const usage = last.usageMetadata
  return {
    ...assembled(chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? [])),
    finishReason: last.candidates?.[0]?.finishReason,
    usage: {
      promptTokenCount: usage?.promptTokenCount,
      candidatesTokenCount: usage?.candidatesTokenCount,
      thoughtsTokenCount: usage?.thoughtsTokenCount,
    },
    // Vertex's answers carry createTime; replay writes the recorded one back (to the second).
    created: chunks[0]?.createTime && Math.floor(Date.parse(chunks[0].createTime) / 1000),
  }
}

async function geminiLoop(url: string, stream: boolean) {
  const ai = gemini(url)
  const ask = async (contents: Content[]) =>
    seen(
      stream
        ? await collect(
            await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents, config: { tools } }),
          )
        : [await ai.models.generateContent({ model: 'gemini-2.5-flash', contents, config: { tools } })],
    )
  const question: Content = { role: 'user', parts: [{ text: 'weather in Paris?' }] }
  const first = await ask([question])
  const call = first.parts.find((p) => p.functionCall)?.functionCall
  if (!call?.name) throw new Error('expected a functionCall part')
  const second = await ask([
    question,
    { role: 'model', parts: first.parts },
    { role: 'user', parts: [{ functionResponse: { name: call.name, response: { sky: 'sunny' } } }] },
  ])
  return { first, second }
}

describe('Gemini on Vertex AI through @google/genai: record, then replay', () => {
  test('generateContent under the project and location path: text, STOP, counts and createTime', async () => {
    const run = await recordThenReplay('vertexai', async (url) =>
      seen([
        await gemini(url).models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello vertex' }),
      ]),
    )
    expect(run.fake.requests[0]).toMatchObject({
      path: `${PARENT}/gemini-2.5-flash:generateContent`,
      route: 'vertex.generateContent',
    })
    expect(run.replayed.parts).toEqual([{ text: 'Echo: hello vertex' }])
    expect(run.replayed.finishReason).toBe('STOP')
    expect(run.replayed.created).toEqual(expect.any(Number))
    expect([...run.files.keys()][0]).toMatch(/^recorded\/vertexai-/)
  })

  for (const stream of [false, true]) {
    test(`the agent loop ${stream ? 'streamed' : 'as JSON'}: functionCall, then the answer`, async () => {
      const run = await recordThenReplay('vertexai', (url) => geminiLoop(url, stream))
      expect(run.upstreamCalls).toBe(2)
      expect(run.fake.requests.map((r) => r.route)).toEqual(
        Array(2).fill(stream ? 'vertex.streamGenerateContent' : 'vertex.generateContent'),
      )
      expect(run.replayed.first.parts).toEqual([
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
      ])
      expect(run.replayed.second.parts).toEqual([{ text: WEATHER_TEXT }])
    })
  }

  test('streamed thinking: the thought text and its signature replay', async () => {
    const run = await recordThenReplay(
      'vertexai',
      async (url) =>
        seen(
          await collect(
            await gemini(url).models.generateContentStream({
              model: 'gemini-2.5-pro',
              contents: 'think it over',
              config: { thinkingConfig: { includeThoughts: true } },
            }),
          ),
        ),
      { script: { reasoning: true } },
    )
    expect(run.replayed.parts).toEqual([
      { text: REASONING_TEXT, thought: true },
      { text: 'Echo: think it over' },
    ])
    expect(run.replayed.textSignatures).toEqual([expect.stringMatching(/^[A-Za-z0-9+/]{20,}={0,2}$/)])
    expect(run.replayed.usage.thoughtsTokenCount).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Claude on Vertex AI
// ---------------------------------------------------------------------------------------------------------

const CLAUDE = 'claude-sonnet-4-5@20250929'
const BEARER = 'ya29.a0-test-vertex-access-token-0123456789'
const CLAUDE_MODELS = `/v1/projects/${PROJECT}/locations/us-east5/publishers/anthropic/models`

/** What AnthropicVertex's request adapter does: the model into the path, the Vertex version in the body. */
function vertexFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input)
  const { model, ...rest } = JSON.parse(String(init.body))
  url.pathname = url.pathname.replace(
    /\/v1\/messages$/,
    `${CLAUDE_MODELS}/${model}:${rest.stream ? 'streamRawPredict' : 'rawPredict'}`,
  )
  const headers = new Headers(init.headers)
  headers.delete('x-api-key')
  headers.set('authorization', `Bearer ${BEARER}`)
  return fetch(url, {
    ...init,
    headers,
    body: JSON.stringify({ anthropic_version: 'vertex-2023-10-16', ...rest }),
  })
}

const claude = (url: string) =>
  new Anthropic({ baseURL: url, apiKey: TEST_KEY, maxRetries: 0, fetch: vertexFetch })
const claudeTools = [{ name: 'get_weather', input_schema: { type: 'object' as const } }]

async function claudeLoop(url: string, stream: boolean) {
  const client = claude(url)
  const ask = (messages: Anthropic.MessageParam[]) =>
    stream
      ? client.messages
          .stream({ model: CLAUDE, max_tokens: 100, tools: claudeTools, messages })
          .finalMessage()
      : client.messages.create({ model: CLAUDE, max_tokens: 100, tools: claudeTools, messages })
  const first = await ask([{ role: 'user', content: 'weather in Paris?' }])
  const use = first.content.find((b) => b.type === 'tool_use')
  if (use?.type !== 'tool_use') throw new Error('expected a tool_use block')
  const second = await ask([
    { role: 'user', content: 'weather in Paris?' },
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny, 21°C' }] },
  ])
  const view = (m: Anthropic.Message) => ({
    id: m.id,
    model: m.model,
    content: m.content,
    stop: m.stop_reason,
    usage: { input: m.usage.input_tokens, output: m.usage.output_tokens },
  })
  return { first: view(first), second: view(second) }
}

describe('Claude on Vertex AI through @anthropic-ai/sdk: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the agent loop ${stream ? 'on :streamRawPredict' : 'on :rawPredict'}: each turn replays, msg_vrtx_ ids kept`, async () => {
      const run = await recordThenReplay('vertexai', (url) => claudeLoop(url, stream), { secrets: [BEARER] })
      expect(run.fake.requests.map((r) => r.route)).toEqual(
        Array(2).fill(stream ? 'vertex-anthropic.streamRawPredict' : 'vertex-anthropic.rawPredict'),
      )
      expect(run.fake.requests[0]!.path).toBe(
        `${CLAUDE_MODELS}/${CLAUDE}:${stream ? 'streamRawPredict' : 'rawPredict'}`,
      )
      expect(run.fake.requests[0]!.headers.authorization).toBe(`Bearer ${BEARER}`)
      const { first, second } = run.replayed
      expect(first.id).toMatch(/^msg_vrtx_01/)
      expect(first.model).toBe(CLAUDE)
      expect(first.stop).toBe('tool_use')
      expect(first.content).toEqual([
        {
          type: 'tool_use',
          id: expect.stringMatching(/^toolu_vrtx_01/),
          name: 'get_weather',
          input: { city: 'Paris' },
        },
      ])
      expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: WEATHER_TEXT })])
      expect(second.stop).toBe('end_turn')
    })
  }

  test('streamed thinking keeps its text and signature', async () => {
    const run = await recordThenReplay(
      'vertexai',
      async (url) => {
        const message = await claude(url)
          .messages.stream({
            model: CLAUDE,
            max_tokens: 2048,
            thinking: { type: 'enabled', budget_tokens: 1024 },
            messages: [{ role: 'user', content: 'think first' }],
          })
          .finalMessage()
        return message.content
      },
      { script: { reasoning: true }, secrets: [BEARER] },
    )
    expect(run.replayed[0]).toMatchObject({ type: 'thinking', thinking: REASONING_TEXT })
    expect(run.replayed[0]!.type === 'thinking' && run.replayed[0]!.signature.length).toBeGreaterThan(20)
    expect(run.replayed[1]).toMatchObject({ type: 'text', text: 'Echo: think first' })
  })
})
