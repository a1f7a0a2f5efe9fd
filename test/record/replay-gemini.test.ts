/**
 * Record, then replay, through @google/genai against the fake Gemini API: generateContent, the SSE stream
 * the SDK always asks for, the agent loop (functionCall, then functionResponse), thinking with its
 * thoughtSignature, batchEmbedContents, and the JSON-array stream (no `alt=sse`) through raw fetch.
 */
import { GoogleGenAI, type Content, type GenerateContentResponse, type Part } from '@google/genai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordThenReplay, TEST_KEY } from './harness'

const MODEL = 'gemini-2.5-flash'
const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] }]
const client = (url: string) => new GoogleGenAI({ apiKey: TEST_KEY, httpOptions: { baseUrl: url } })

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/**
 * Parts as a client assembles them: consecutive text pieces of the same kind (thought or not) joined, empty
 * ones dropped (replay cuts a stream where it likes), and a function call's `id` left out: the fake speaks
 * Gemini 2.5, which sends none, and replay gives every call one as it does for fixtures (Gemini 3 sends
 * them), so the recordings are checked for the absence instead.
 */
function assembled(parts: Part[]): Part[] {
  const out: Part[] = []
  for (const part of parts) {
    const previous = out.at(-1)
    if (part.functionCall) {
      const { id: _id, ...call } = part.functionCall
      out.push({ ...part, functionCall: call })
    } else if (typeof part.text === 'string' && part.text === '' && !part.thoughtSignature) {
      continue
    } else if (
      typeof part.text === 'string' &&
      typeof previous?.text === 'string' &&
      Boolean(previous.thought) === Boolean(part.thought) &&
      !part.thoughtSignature
    ) {
      out[out.length - 1] = { ...previous, text: previous.text + part.text }
    } else out.push({ ...part })
  }
  return out
}

/** What a client reads of a response: the parts in order, the finish reason and the token counts. */
function seen(response: GenerateContentResponse) {
  const candidate = response.candidates?.[0]
  const usage = response.usageMetadata
  return {
    parts: assembled(candidate?.content?.parts ?? []),
    finishReason: candidate?.finishReason,
    usage: usage && {
      promptTokenCount: usage.promptTokenCount,
      candidatesTokenCount: usage.candidatesTokenCount,
      thoughtsTokenCount: usage.thoughtsTokenCount,
    },
    modelVersion: response.modelVersion,
  }
}

/** A stream as the client ends up with it: the parts of every chunk, the last reason, the last usage. */
function seenStream(chunks: GenerateContentResponse[]) {
  const last = chunks.at(-1)!
  const parts = chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? [])
  return {
    text: parts.map((p) => (p.thought ? '' : (p.text ?? ''))).join(''),
    functionCalls: chunks.flatMap((c) => c.functionCalls ?? []).map(({ id: _id, ...call }) => call),
    thoughts: parts
      .filter((p) => p.thought)
      .map((p) => p.text)
      .join(''),
    signatures: parts.flatMap((p) => (p.thoughtSignature ? [p.thoughtSignature] : [])),
    finishReason: last.candidates?.[0]?.finishReason,
    usage: seen(last).usage,
  }
}

async function agentLoop(url: string, stream: boolean) {
  const ai = client(url)
  const ask = async (contents: Content[]) => {
    if (!stream) return seen(await ai.models.generateContent({ model: MODEL, contents, config: { tools } }))
    const chunks = await collect(
      await ai.models.generateContentStream({ model: MODEL, contents, config: { tools } }),
    )
    const parts = assembled(chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []))
    return { ...seenStream(chunks), parts }
  }
  const question: Content = { role: 'user', parts: [{ text: 'weather in Paris?' }] }
  const first = await ask([question])
  const call = first.parts?.find((p) => p.functionCall)?.functionCall
  if (!call?.name) throw new Error('expected a functionCall part')
  const second = await ask([
    question,
    { role: 'model', parts: first.parts! },
    { role: 'user', parts: [{ functionResponse: { name: call.name, response: { sky: 'sunny', c: 21 } } }] },
  ])
  return { first, second }
}

describe('Gemini API through @google/genai: record, then replay', () => {
  test('generateContent: text, STOP and the token counts replay as recorded', async () => {
    const run = await recordThenReplay('gemini', async (url) =>
      seen(await client(url).models.generateContent({ model: MODEL, contents: 'hello there' })),
    )
    expect(run.upstreamCalls).toBe(1)
    expect(run.fake.requests[0]!.route).toBe('gemini.generateContent')
    expect(run.replayed.parts).toEqual([{ text: 'Echo: hello there' }])
    expect(run.replayed.finishReason).toBe('STOP')
    expect(run.replayed.usage?.candidatesTokenCount).toBeGreaterThan(0)
    expect(run.replayed.modelVersion).toBe(MODEL)
  })

  test('generateContentStream (SSE): the text arrives in chunks and replays whole', async () => {
    const run = await recordThenReplay('gemini', async (url) => {
      const chunks = await collect(
        await client(url).models.generateContentStream({
          model: MODEL,
          contents: 'one two three four five six',
        }),
      )
      return { ...seenStream(chunks), several: chunks.length > 1 }
    })
    expect(run.fake.requests[0]).toMatchObject({
      route: 'gemini.streamGenerateContent',
      query: { alt: 'sse' },
    })
    expect(run.replayed).toMatchObject({
      text: 'Echo: one two three four five six',
      finishReason: 'STOP',
      several: true,
    })
    const [entry] = [...run.files.values()].flatMap((file) => file.fixtures)
    expect(entry).toHaveProperty('recordedTimings.ttftMs')
  })

  for (const stream of [false, true]) {
    test(`the agent loop ${stream ? 'streamed' : 'as JSON'}: functionCall, then the answer to functionResponse`, async () => {
      const run = await recordThenReplay('gemini', (url) => agentLoop(url, stream))
      expect(run.upstreamCalls).toBe(2)
      const call = run.replayed.first.parts?.find((p) => p.functionCall)?.functionCall
      expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } })
      const text = run.replayed.second.parts?.map((p) => p.text ?? '').join('')
      expect(text).toBe(WEATHER_TEXT)
      const entries = [...run.files.values()].flatMap((file) => file.fixtures)
      expect(entries.map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual(
        expect.arrayContaining([
          [0, false],
          [1, true],
        ]),
      )
      // The wire had no call id, and the recording invents none.
      const calls = entries.flatMap((e) => (e.response.toolCalls as Array<Record<string, unknown>>) ?? [])
      expect(calls).toEqual([{ name: 'get_weather', arguments: '{"city":"Paris"}' }])
    })
  }

  test('thinking: the thought part and the thoughtSignature replay, as JSON and streamed', async () => {
    const config = { thinkingConfig: { includeThoughts: true } }
    const run = await recordThenReplay(
      'gemini',
      async (url) => {
        const ai = client(url)
        const whole = seen(await ai.models.generateContent({ model: MODEL, contents: 'think hard', config }))
        const streamed = seenStream(
          await collect(
            await ai.models.generateContentStream({ model: MODEL, contents: 'think again', config }),
          ),
        )
        return { whole, streamed }
      },
      { script: { reasoning: true } },
    )
    const { whole, streamed } = run.replayed
    expect(whole.parts?.[0]).toEqual({ text: REASONING_TEXT, thought: true })
    const signature = whole.parts?.find((p) => p.thoughtSignature)?.thoughtSignature
    expect(signature?.length).toBeGreaterThan(20)
    expect(whole.parts?.at(-1)?.text).toBe('Echo: think hard')
    expect(whole.usage?.thoughtsTokenCount).toBeGreaterThan(0)
    expect(streamed.thoughts).toBe(REASONING_TEXT)
    expect(streamed.signatures).toHaveLength(1)
    expect(streamed.text).toBe('Echo: think again')
    const entries = [...run.files.values()].flatMap((file) => file.fixtures)
    expect(entries.map((e) => e.response.reasoningSignature)).toEqual([
      expect.any(String),
      expect.any(String),
    ])
  })

  test('a thoughtSignature on a functionCall part survives the round trip', async () => {
    const run = await recordThenReplay('gemini', (url) => agentLoop(url, false), {
      script: { reasoning: true },
    })
    const part = run.replayed.first.parts?.find((p) => p.functionCall)
    expect(part?.thoughtSignature).toEqual(expect.any(String))
  })

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
        text: items.map((i) => i.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join(''),
        finishReason: items.at(-1)?.candidates?.[0]?.finishReason,
        several: items.length > 1,
      }
    })
    expect(run.fake.requests[0]!.query).toEqual({})
    expect(run.replayed).toEqual({
      status: 200,
      contentType: 'application/json',
      text: 'Echo: array of chunks please',
      finishReason: 'STOP',
      several: true,
    })
    const [entry] = [...run.files.values()].flatMap((file) => file.fixtures)
    expect(entry).toHaveProperty('recordedTimings.ttftMs')
  })
})
