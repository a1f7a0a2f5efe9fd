import OpenAI, { type APIError } from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin } from '../../src'
import { postJson, startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let client: OpenAI
beforeAll(async () => {
  server = await startOpenAIMock()
  client = server.client
})
afterAll(() => server.close())
beforeEach(() => {
  server.mock.reset()
  server.mock.strict = false
})

const user = (content: string) => [{ role: 'user' as const, content }]
const ask = (content: string, options?: OpenAI.RequestOptions) =>
  client.chat.completions.create({ model: 'gpt-4o', messages: user(content) }, options)

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}

describe('error fixtures arrive as the SDK typed errors', () => {
  test('429 is a RateLimitError with the retry-after header', async () => {
    server.mock.onMessage('limit', {
      error: {
        message: 'Rate limit reached for gpt-4o',
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
      },
      status: 429,
      retryAfter: 7,
    })
    const error = await rejection(ask('over the limit'))
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    const e = error as InstanceType<typeof OpenAI.RateLimitError>
    expect(e.status).toBe(429)
    expect(e.message).toContain('Rate limit reached for gpt-4o')
    expect(e.type).toBe('rate_limit_error')
    expect(e.code).toBe('rate_limit_exceeded')
    expect(e.headers.get('retry-after')).toBe('7')
  })

  test('500 is an InternalServerError; an error without status defaults to 500', async () => {
    server.mock.onMessage('boom', {
      error: { message: 'The server had an error', type: 'server_error' },
      status: 500,
    })
    server.mock.onMessage('default', { error: { message: 'No status given' } })
    const boom = await rejection(ask('boom'))
    expect(boom).toBeInstanceOf(OpenAI.InternalServerError)
    expect((boom as APIError).status).toBe(500)
    expect((boom as APIError).type).toBe('server_error')
    const fallback = await rejection(ask('default'))
    expect(fallback).toBeInstanceOf(OpenAI.InternalServerError)
    expect((fallback as APIError).message).toContain('No status given')
  })

  test('400 is a BadRequestError carrying param and code', async () => {
    server.mock.onMessage('context', {
      error: {
        message: "This model's maximum context length is 128000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
      status: 400,
    })
    const error = (await rejection(ask('context too long'))) as APIError
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.status).toBe(400)
    expect(error.param).toBe('messages')
    expect(error.code).toBe('context_length_exceeded')
    expect(error.type).toBe('invalid_request_error')
  })

  test('an error fixture also fails a streamed request before any chunk', async () => {
    server.mock.onMessage('stream fail', {
      error: { message: 'overloaded', type: 'server_error' },
      status: 503,
    })
    const error = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: user('stream fail') }),
    )
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect((error as APIError).status).toBe(503)
  })
})

describe('bad input gets a 400 in OpenAI shape naming the field', () => {
  const url = () => `${server.url}/v1/chat/completions`

  test.each([
    ['invalid JSON', '{"model": "gpt-4o", "messages": [', null],
    ['an empty body', '', null],
    ['a missing model', { messages: user('hi') }, 'model'],
    ['missing messages', { model: 'gpt-4o' }, 'messages'],
    ['empty messages', { model: 'gpt-4o', messages: [] }, 'messages'],
    ['a bad role', { model: 'gpt-4o', messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
    [
      'a tool message without tool_call_id',
      { model: 'gpt-4o', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
    ],
    ['tools that is not an array', { model: 'gpt-4o', messages: user('hi'), tools: {} }, 'tools'],
    ['tools that is null', { model: 'gpt-4o', messages: user('hi'), tools: null }, 'tools'],
    [
      'a bad response_format',
      { model: 'gpt-4o', messages: user('hi'), response_format: 'json' },
      'response_format',
    ],
  ])('%s', async (_name, body, param) => {
    const response = await postJson(url(), body)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('application/json')
    const { error } = await response.json()
    expect(error).toEqual({ message: expect.any(String), type: 'invalid_request_error', param, code: null })
    if (param) expect(error.message).toContain(param)
  })

  test('the SDK sees bad input as a BadRequestError with param', async () => {
    const error = (await rejection(
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'wizard' as 'user', content: 'x' }],
      }),
    )) as APIError
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('messages[0].role')
  })

  test('the server keeps serving after bad input', async () => {
    server.mock.onMessage('still alive', { content: 'yes' })
    for (const body of ['not json', '[]', 'null', '{"model": 5}', '\u0000\u0001']) {
      const response = await postJson(`${server.url}/v1/chat/completions`, body)
      expect(response.status).toBe(400)
    }
    expect((await ask('still alive?')).choices[0]!.message.content).toBe('yes')
  })

  test('a body over bodyLimit is a 413 and the server keeps serving', async () => {
    const small = await startOpenAIMock({ bodyLimit: 1024 })
    try {
      small.mock.onMessage('fits', { content: 'ok' })
      const response = await postJson(`${small.url}/v1/chat/completions`, {
        model: 'gpt-4o',
        messages: user('x'.repeat(4096)),
      })
      expect(response.status).toBe(413)
      expect((await response.json()).error.type).toBe('invalid_request_error')
      const ok = await small.client.chat.completions.create({ model: 'gpt-4o', messages: user('fits') })
      expect(ok.choices[0]!.message.content).toBe('ok')
    } finally {
      await small.close()
    }
  })

  test('an unknown route is a 404, another method on a known route a 405', async () => {
    const unknown = await postJson(`${server.url}/v1/not-a-thing`, {})
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('unknown_route')
    const wrongMethod = await fetch(`${server.url}/v1/chat/completions`)
    expect(wrongMethod.status).toBe(405)
  })
})

describe('a miss', () => {
  test('is a 404 whose message names the closest fixture and the field that did not match', async () => {
    server.mock.on(
      { userMessage: 'weather in Paris', model: 'gpt-4o' },
      { content: 'sunny' },
      { id: 'paris-weather' },
    )
    server.mock.on({ userMessage: 'stock price', model: 'gpt-4o-mini' }, { content: 'up' }, { id: 'stocks' })
    const error = (await rejection(ask('weather in Rome'))) as APIError
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.status).toBe(404)
    expect(error.code).toBe('no_fixture_match')
    expect(error.message).toContain('No fixture matched')
    expect(error.message).toContain('paris-weather')
    expect(error.message).toMatch(/userMessage expected "weather in Paris", got "weather in Rome"/)

    const miss = server.mock.journal.last()!.miss!
    expect(miss.closest[0]).toEqual({
      fixtureId: 'paris-weather',
      source: 'on()',
      mismatches: [{ field: 'userMessage', expected: 'weather in Paris', actual: 'weather in Rome' }],
      similarity: expect.any(Number),
    })
    expect(miss.closest[1]!.fixtureId).toBe('stocks')
    expect(miss.closest[1]!.mismatches.map((m) => m.field).sort()).toEqual(['model', 'userMessage'])
  })

  test('says so when no fixtures of that kind are loaded', async () => {
    const error = (await rejection(ask('anything'))) as APIError
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/no chat fixtures loaded/)
  })

  test('in strict mode is a 503 with x-should-retry: false, which the SDK does not retry', async () => {
    server.mock.strict = true
    server.mock.onMessage('known', { content: 'x' })
    const retrying = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 2 })
    const before = server.mock.journal.size
    const error = (await rejection(
      retrying.chat.completions.create({ model: 'gpt-4o', messages: user('something else') }),
    )) as APIError
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect(error.status).toBe(503)
    expect(error.headers?.get('x-should-retry')).toBe('false')
    expect(error.type).toBe('standin_strict_no_match')
    expect(server.mock.journal.size - before).toBe(1)
  })

  test('a lenient miss also tells clients not to retry', async () => {
    const response = await postJson(`${server.url}/v1/chat/completions`, {
      model: 'gpt-4o',
      messages: user('nope'),
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-should-retry')).toBe('false')
  })

  test('the x-standin-strict header overrides the mock setting both ways', async () => {
    const strictOn = (await rejection(
      ask('nothing', { headers: { 'x-standin-strict': 'true' } }),
    )) as APIError
    expect(strictOn.status).toBe(503)
    server.mock.strict = true
    const strictOff = (await rejection(
      ask('nothing', { headers: { 'x-standin-strict': 'false' } }),
    )) as APIError
    expect(strictOff.status).toBe(404)
    const seedHeader = (await rejection(ask('nothing', { headers: { 'x-aimock-strict': '0' } }))) as APIError
    expect(seedHeader.status).toBe(404)
    const defaulted = (await rejection(ask('nothing'))) as APIError
    expect(defaulted.status).toBe(503)
  })

  test('strict embeddings miss is a 503; lenient ones get a deterministic vector', async () => {
    const lenient = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })
    expect(lenient.data[0]!.embedding).toHaveLength(1536)
    const error = (await rejection(
      client.embeddings.create(
        { model: 'text-embedding-3-small', input: 'x' },
        { headers: { 'x-standin-strict': '1' } },
      ),
    )) as APIError
    expect(error.status).toBe(503)
  })

  test('a response factory that throws becomes a 500 naming the fixture', async () => {
    server.mock.onMessage(
      'factory',
      () => {
        throw new Error('kaboom')
      },
      { id: 'bad-factory' },
    )
    const error = (await rejection(ask('factory'))) as APIError
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect(error.message).toContain('bad-factory')
    expect(error.message).toContain('kaboom')
  })

  test('a response factory that returns an invalid response becomes a 500 naming the problem', async () => {
    server.mock.onMessage('invalid factory', () => ({ content: 5 }) as never, { id: 'bad-output' })
    const error = (await rejection(ask('invalid factory'))) as APIError
    expect(error.status).toBe(500)
    expect(error.message).toContain('bad-output')
    expect(error.message).toContain('content')
  })
})

describe('random malformed bodies', () => {
  /** A seeded linear congruential generator: the same bodies on every run. */
  function random(seed: number) {
    let state = seed
    const next = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff
      return state / 0x7fffffff
    }
    return { next, pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)]! }
  }

  test('never get a 5xx or make handle() reject', async () => {
    const r = random(7)
    const keys = [
      'model',
      'messages',
      'role',
      'content',
      'tool_calls',
      'tool_call_id',
      'function',
      'name',
      'arguments',
    ]
    keys.push(
      'tools',
      'type',
      'stream',
      'stream_options',
      'response_format',
      'json_schema',
      'input',
      'encoding_format',
    )
    keys.push('dimensions', 'text', 'id', 'functions', 'function_call', 'parameters')
    const leaves = [
      null,
      true,
      0,
      -1,
      1.5,
      '',
      'x',
      'user',
      'assistant',
      'tool',
      'system',
      'gpt-4o',
      [],
      {},
      'base64',
      1e308,
    ]
    const value = (depth: number): unknown => {
      if (depth > 3 || r.next() < 0.3) return r.pick<unknown>(leaves)
      if (r.next() < 0.4) return Array.from({ length: Math.floor(r.next() * 3) }, () => value(depth + 1))
      const object: Record<string, unknown> = {}
      for (let i = 0; i < Math.floor(r.next() * 5); i++) object[r.pick(keys)] = value(depth + 1)
      return object
    }
    const mock = createStandin({ strict: false })
    mock.on({}, { content: 'ok', toolCalls: [{ name: 'x', arguments: {} }] })
    const statuses = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const body: Record<string, unknown> = {
        model: r.next() < 0.8 ? 'gpt-4o' : value(2),
        messages:
          r.next() < 0.8
            ? [{ role: 'user', content: 'hi' }, value(1), value(2)].slice(0, 1 + Math.floor(r.next() * 3))
            : value(1),
        input: value(1),
      }
      for (let k = 0; k < 3; k++) body[r.pick(keys)] = value(1)
      const path = r.pick(['/v1/chat/completions', '/v1/embeddings'])
      const response = await mock.handle(
        new Request(`http://x${path}`, { method: 'POST', body: JSON.stringify(body) }),
      )
      await response.text()
      statuses.add(response.status)
      if (response.status >= 500) throw new Error(`${response.status} for ${JSON.stringify(body)}`)
    }
    expect([...statuses].sort()).toEqual([200, 400])
  })
})
