/**
 * Chat replies built from a fixture's serialised template (src/engine/json-template.ts) are byte for byte
 * the plain encoder's. Two mocks with the same seed generate the same ids and timestamps: one answers from
 * a plain fixture (templated from its second use), the other from a function fixture returning the same
 * response (a new object per request, never templated with the templates by content turned off). Every body
 * must be identical, request by request.
 */
import { afterEach, expect, test } from 'vitest'
import { createStandin, type FixtureResponse } from '../../src'
import { shareTemplatesByContent } from '../../src/engine/json-template'

// Templates are shared by content across mocks in a process: each test starts with none.
afterEach(() => shareTemplatesByContent(true))

const SURFACES: { name: string; path: (stream: boolean) => string; body: (stream: boolean) => unknown }[] = [
  { name: 'openai chat', path: () => '/v1/chat/completions', body: (stream) => openai(stream) },
  {
    name: 'azure chat',
    path: () => '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21',
    body: (stream) => openai(stream),
  },
  {
    name: 'anthropic messages',
    path: () => '/v1/messages',
    body: (stream) => ({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      stream,
      messages: [{ role: 'user', content: 'hello there' }],
    }),
  },
  {
    name: 'gemini generateContent',
    path: (stream) =>
      stream
        ? '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse'
        : '/v1beta/models/gemini-2.5-flash:generateContent',
    body: () => gemini(),
  },
  {
    // Vertex stamps `createTime` (a date made from `created`): no template fits, the plain encoder answers.
    name: 'vertex generateContent',
    path: (stream) =>
      `/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    body: () => gemini(),
  },
  {
    name: 'cohere chat',
    path: () => '/v2/chat',
    body: (stream) => ({
      model: 'command-a-03-2025',
      stream,
      messages: [{ role: 'user', content: 'hello there' }],
    }),
  },
]

function gemini() {
  return { contents: [{ role: 'user', parts: [{ text: 'hello there' }] }] }
}

function openai(stream: boolean) {
  return { model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'hello there' }] }
}

const RESPONSES: [string, FixtureResponse][] = [
  [
    'text',
    { content: 'Hello! How can I help? "quoted" \u2028 \u0000 é 8901234567124 \\u0000standin-0-0\\u0000' },
  ],
  [
    'tool calls',
    {
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
        { name: 'lookup', arguments: '{"q":"standin"}' },
      ],
    },
  ],
  ['text and a tool call', { content: 'Let me check.', toolCalls: [{ name: 'now', arguments: {} }] }],
  ['given usage', { content: 'counted', usage: { prompt_tokens: 11, completion_tokens: 7 } }],
  ['given ids', { content: 'fixed', id: 'chatcmpl-fixed', created: 1_700_000_000 }],
  ['reasoning', { content: 'thought about it', reasoning: 'first this, then that' }],
  ['JSON content', { content: { answer: 42, list: [1, 2, 3] } }],
  ['finish reason', { content: 'cut short', finishReason: 'length' }],
  // Longer than what templates by content hold: templated by its response object only.
  ['long text', { content: `${'long answer '.repeat(300)}end` }],
]

async function bodies(
  path: string,
  body: unknown,
  response: FixtureResponse,
  asFunction: boolean,
): Promise<string[]> {
  // The plain side is plain: no template found by content either.
  shareTemplatesByContent(!asFunction)
  const mock = createStandin({ seed: 7 })
  mock.on({ userMessage: 'hello' }, asFunction ? () => structuredClone(response) : response)
  const out: string[] = []
  for (let i = 0; i < 4; i++) {
    const reply = await mock.handle(
      new Request(`http://standin.local${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
    expect(reply.status).toBe(200)
    out.push(await reply.text())
  }
  // Every request is journaled in full, templated or not.
  expect(mock.journal.size).toBe(4)
  expect(mock.journal.last()?.body).toBe(JSON.stringify(body))
  return out
}

for (const surface of SURFACES) {
  for (const [label, response] of RESPONSES) {
    for (const stream of [false, true]) {
      test(`${surface.name}, ${label}, stream ${stream}: templated bodies equal the plain encoder's`, async () => {
        const body = surface.body(stream)
        const plain = await bodies(surface.path(stream), body, response, true)
        const templated = await bodies(surface.path(stream), body, response, false)
        expect(templated).toEqual(plain)
        // The generated values do change from request to request (they are spliced, not frozen).
        if (!('id' in response)) expect(new Set(templated).size).toBe(templated.length)
      })
    }
  }
}

test('a fixture response edited in place after serving is answered with its new content', async () => {
  const mock = createStandin({ seed: 3 })
  const response = { content: 'before' }
  mock.on({ userMessage: 'hello' }, response)
  const ask = async () => {
    const reply = await mock.handle(
      new Request('http://standin.local/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(openai(false)),
      }),
    )
    return (await reply.json()) as { choices: { message: { content: string } }[] }
  }
  for (let i = 0; i < 3; i++) expect((await ask()).choices[0]!.message.content).toBe('before')
  mock.fixtures[0]!.response = { ...mock.fixtures[0]!.response, content: 'after' } as never
  expect((await ask()).choices[0]!.message.content).toBe('after')
})

test('requests asking for different models each get their own model in a templated body', async () => {
  const mock = createStandin({ seed: 5 })
  mock.on({ userMessage: 'hello' }, { content: 'hi' })
  for (let i = 0; i < 12; i++) {
    const model = `model-${i % 3}`
    const reply = await chat(mock, { ...openai(false), model })
    expect(((await reply.json()) as { model: string }).model).toBe(model)
  }
})

test('rate-limit headers count the tokens of templated replies as of plain ones', async () => {
  const remaining: string[][] = []
  for (const asFunction of [true, false]) {
    const mock = createStandin({ seed: 1 })
    const response = { content: 'x'.repeat(40), usage: { prompt_tokens: 100, completion_tokens: 50 } }
    mock.on({ userMessage: 'hello' }, asFunction ? () => ({ ...response }) : response)
    const seen: string[] = []
    for (let i = 0; i < 3; i++) {
      const reply = await chat(mock, openai(false))
      seen.push(reply.headers.get('x-ratelimit-remaining-tokens') ?? 'none')
    }
    remaining.push(seen)
  }
  expect(remaining[1]).toEqual(remaining[0])
  expect(remaining[0]).toEqual(['1999850', '1999700', '1999550'])
})

test('gemini and cohere serve from a template; vertex (no template fits) encodes every reply', async () => {
  const { generateContentSurface } = await import('../../src/providers/gemini/generate-content')
  const { chatSurface: cohereSurface } = await import('../../src/providers/cohere/chat')
  const { vertexGeminiSurfaces } = await import('../../src/providers/vertex/gemini')
  const vertexSurface = vertexGeminiSurfaces.find((s) => s.id === 'vertex.generateContent')!
  const cases = [
    { surface: generateContentSurface, name: 'gemini generateContent', templated: true },
    { surface: cohereSurface, name: 'cohere chat', templated: true },
    { surface: vertexSurface, name: 'vertex generateContent', templated: false },
  ]
  for (const { surface, name, templated } of cases) {
    const encodes = countEncodes(surface)
    try {
      shareTemplatesByContent(true)
      const { path, body } = SURFACES.find((s) => s.name === name)!
      const mock = createStandin({ seed: 9 })
      mock.on({ userMessage: 'hello' }, { content: 'hi' })
      for (let i = 0; i < 6; i++) {
        const reply = await mock.handle(
          new Request(`http://standin.local${path(false)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body(false)),
          }),
        )
        expect(reply.status, name).toBe(200)
      }
      // Templated: the first reply, then the second's body and its two stand-in encodings; none after.
      if (templated) expect(encodes.calls, name).toBe(4)
      else expect(encodes.calls, name).toBeGreaterThanOrEqual(6)
    } finally {
      encodes.restore()
    }
  }
})

test('a fresh mock per test answers its first request from the template the last mock made for the same content', async () => {
  const { chatSurface } = await import('../../src/providers/openai/chat')
  const encodes = countEncodes(chatSurface)
  /** One test's mock: a new fixture object with the same content each time, three requests. */
  const oneTest = async (seed: number) => {
    const mock = createStandin({ seed })
    mock.on({ userMessage: 'hello' }, { content: 'shared answer "quoted"', usage: { prompt_tokens: 3 } })
    const out: { body: string; tokens: string | null }[] = []
    for (let i = 0; i < 3; i++) {
      const reply = await chat(mock, openai(false))
      out.push({ body: await reply.text(), tokens: reply.headers.get('x-ratelimit-remaining-tokens') })
    }
    return out
  }
  try {
    shareTemplatesByContent(false)
    const plain = [await oneTest(11), await oneTest(12)]
    shareTemplatesByContent(true)
    encodes.calls = 0
    const shared = [await oneTest(11), await oneTest(12)]
    // The first mock: a plain reply, then the template (its reply and two stand-in encodings), then none.
    // The second mock's new fixture object finds that template by content: no encoding at all.
    expect(encodes.calls).toBe(4)
    // Byte for byte the plain encoder's bodies, with the same generated ids, and the same token counts.
    expect(shared).toEqual(plain)
    expect(new Set(shared[1]!.map((r) => r.body)).size).toBe(3)
  } finally {
    encodes.restore()
  }
})

test('a template found by content serves only the same content: another text or model is encoded anew', async () => {
  const ask = async (content: string, model: string) => {
    const mock = createStandin({ seed: 4 })
    mock.on({ userMessage: 'hello' }, { content })
    const reply = await chat(mock, { ...openai(false), model })
    return (await reply.json()) as { model: string; choices: { message: { content: string } }[] }
  }
  for (let i = 0; i < 3; i++) await ask('first text', 'gpt-4o-mini')
  const other = await ask('second text', 'gpt-4o-mini')
  expect(other.choices[0]!.message.content).toBe('second text')
  const model = await ask('first text', 'gpt-4.1')
  expect(model.model).toBe('gpt-4.1')
  expect(model.choices[0]!.message.content).toBe('first text')
})

/** Counts a surface's `encode` calls until `restore()`. */
function countEncodes(surface: object): { calls: number; restore(): void } {
  const target = surface as { encode: (...args: unknown[]) => unknown }
  const encode = target.encode
  const counter = {
    calls: 0,
    restore: () => {
      target.encode = encode
    },
  }
  target.encode = (...args) => {
    counter.calls++
    return encode(...args)
  }
  return counter
}

/** An OpenAI chat completions request to `mock`, in process. */
function chat(mock: { handle(request: Request): Promise<Response> }, body: unknown): Promise<Response> {
  return mock.handle(
    new Request('http://standin.local/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
}
