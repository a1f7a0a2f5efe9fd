/**
 * Record, then replay, through @google/genai against the fake Gemini API: generateContent, the SSE stream
 * the SDK always asks for, the agent loop (functionCall, then functionResponse), thinking with its
 * thoughtSignature, batchEmbedContents, and the JSON-array stream (no `alt=sse`) through raw fetch.
 */
import { GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { assembled } from './gemini-parts'
import { recordedEntries, recordThenReplay, TEST_KEY } from './harness'

const MODEL = 'gemini-2.5-flash'
const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] }]
const client = (url: string) => new GoogleGenAI({ apiKey: TEST_KEY, httpOptions: { baseUrl: url } })

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/**
 * What a client reads of a response (one element) or a stream: the parts assembled, the last finish reason,
 * the last token counts and the model version.
 */
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
    modelVersion: chunks[0]?.modelVersion,
  }
}

async function generate(ai: GoogleGenAI, stream: boolean, contents: Content[] | string, config = {}) {
  const request = { model: MODEL, contents, config }
  return seen(
    stream
      ? await collect(await ai.models.generateContentStream(request))
      : [await ai.models.generateContent(request)],
  )
}

async function agentLoop(url: string, stream: boolean) {
  const ai = client(url)
  const question: Content = { role: 'user', parts: [{ text: 'weather in Paris?' }] }
  const first = await generate(ai, stream, [question], { tools })
  const call = first.parts.find((p) => p.functionCall)?.functionCall
  if (!call?.name) throw new Error('expected a functionCall part')
  const second = await generate(
    ai,
    stream,
    [
      question,
      { role: 'model', parts: first.parts },
      { role: 'user', parts: [{ functionResponse: { name: call.name, response: { sky: 'sunny', c: 21 } } }] },
    ],
    { tools },
  )
  return { first, second }
}

describe('Gemini API through @google/genai: record, then replay', () => {
  test('generateContent: text, STOP, the token counts and the model version replay as recorded', async () => {
    const run = await recordThenReplay('gemini', (url) => generate(client(url), false, 'hello there'))
    expect(run.upstreamCalls).toBe(1)
    expect(run.fake.requests[0]!.route).toBe('gemini.generateContent')
    expect(run.replayed).toMatchObject({
      parts: [{ text: 'Echo: hello there' }],
      finishReason: 'STOP',
      modelVersion: MODEL,
    })
    expect(run.replayed.usage.candidatesTokenCount).toBeGreaterThan(0)
  })

  test('generateContentStream (SSE): the text arrives in several chunks and replays whole', async () => {
    const run = await recordThenReplay('gemini', async (url) => {
      const chunks = await collect(
        await client(url).models.generateContentStream({ model: MODEL, contents: 'one two three four five' }),
      )
      return { ...seen(chunks), several: chunks.length > 1 }
    })
    expect(run.fake.requests[0]).toMatchObject({
      route: 'gemini.streamGenerateContent',
      query: { alt: 'sse' },
    })
    expect(run.replayed).toMatchObject({
      parts: [{ text: 'Echo: one two three four five' }],
      finishReason: 'STOP',
      several: true,
    })
    const [entry] = recordedEntries(run)
    expect(entry).toHaveProperty('recordedTimings.ttftMs')
  })

  for (const stream of [false, true]) {
    test(`the agent loop ${stream ? 'streamed' : 'as JSON'}: functionCall, then the answer to functionResponse`, async () => {
      const run = await recordThenReplay('gemini', (url) => agentLoop(url, stream))
      expect(run.upstreamCalls).toBe(2)
      expect(run.replayed.first.parts).toEqual([
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
      ])
      expect(run.replayed.second.parts).toEqual([{ text: WEATHER_TEXT }])
      const entries = recordedEntries(run)
      expect(entries.map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
      // The wire had no call id, and the recording invents none.
      expect(entries[0]!.response.toolCalls).toEqual([{ name: 'get_weather', arguments: '{"city":"Paris"}' }])
    })
  }

  for (const stream of [false, true]) {
    test(`thinking ${stream ? 'streamed' : 'as JSON'}: the thought part and the thoughtSignature replay`, async () => {
      const run = await recordThenReplay(
        'gemini',
        (url) => generate(client(url), stream, 'think hard', { thinkingConfig: { includeThoughts: true } }),
        { script: { reasoning: true } },
      )
      expect(run.replayed.parts).toEqual([
        { text: REASONING_TEXT, thought: true },
        { text: 'Echo: think hard' },
      ])
      expect(run.replayed.textSignatures).toHaveLength(1)
      expect(run.replayed.textSignatures[0]!.length).toBeGreaterThan(20)
      expect(run.replayed.usage.thoughtsTokenCount).toBeGreaterThan(0)
      const [entry] = recordedEntries(run)
      expect(entry!.response.reasoningSignature).toBe(run.replayed.textSignatures[0])
    })
  }

  for (const stream of [false, true]) {
    test(`a thoughtSignature on a functionCall part stays on it, ${stream ? 'streamed' : 'as JSON'}`, async () => {
      const run = await recordThenReplay('gemini', (url) => agentLoop(url, stream), {
        script: { reasoning: true },
      })
      expect(run.replayed.first.parts.at(-1)).toEqual({
        functionCall: { name: 'get_weather', args: { city: 'Paris' } },
        thoughtSignature: expect.stringMatching(/^[A-Za-z0-9+/]{20,}={0,2}$/),
      })
    })
  }

  test('embedContent with several texts (batchEmbedContents): one vector per text, as recorded', async () => {
    const run = await recordThenReplay('gemini', async (url) => {
      const result = await client(url).models.embedContent({
        model: 'gemini-embedding-001',
        contents: ['first text', 'second text'],
      })
      return result.embeddings?.map((e) => e.values)
    })
    expect(run.fake.requests[0]!.route).toBe('gemini.batchEmbedContents')
    expect(run.replayed).toHaveLength(2)
    expect(run.replayed![0]).toHaveLength(8)
    expect(run.replayed![0]).not.toEqual(run.replayed![1])
  })

  test('the JSON-array stream (no alt=sse), through fetch: the elements replay as one answer', async () => {
    const run = await recordThenReplay('gemini', async (url) => {
      const response = await fetch(`${url}/v1beta/models/${MODEL}:streamGenerateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': TEST_KEY },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'array of chunks please' }] }] }),
      })
      const items = (await response.json()) as GenerateContentResponse[]
      return {
        status: response.status,
        contentType: response.headers.get('content-type')?.split(';')[0],
        ...seen(items),
        several: items.length > 1,
      }
    })
    expect(run.fake.requests[0]!.query).toEqual({})
    expect(run.replayed).toMatchObject({
      status: 200,
      contentType: 'application/json',
      parts: [{ text: 'Echo: array of chunks please' }],
      finishReason: 'STOP',
      several: true,
    })
    const [entry] = recordedEntries(run)
    expect(entry).toHaveProperty('recordedTimings.ttftMs')
  })
})
