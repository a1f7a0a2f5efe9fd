/**
 * The seams record & replay and chaos plug into: a miss can be answered by a seam (as record mode will
 * forward it upstream), and every reply can be replaced or wrapped (as chaos will drop or cut it), on
 * any provider, with no provider code involved.
 */
import { expect, test } from 'vitest'
import { registerEntry } from '../core/register'
import { jsonReply } from '../core/reply'
import { installRateLimits } from '../ratelimit/rate-limiter'
import { fromRequest, toResponse } from '../transports/fetch-adapter'
import { Engine } from './engine'
import type { SeamContext } from './seams'

function post(engine: Engine, path: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`http://standin.local${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return engine.dispatch(fromRequest(request)).then(toResponse)
}

test('onMiss answers a request no fixture matched, and the journal says what it answered', async () => {
  const engine = new Engine({ strict: true })
  const seen: string[] = []
  engine.seams.onMiss = async (context) => {
    seen.push(`${context.surface.id} ${context.request.kind} ${context.session}`)
    return {
      reply: jsonReply(200, { recorded: true }),
      journal: { status: 200, stream: false, text: 'from upstream' },
    }
  }
  const response = await post(
    engine,
    '/v1/messages',
    { model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
    { 'anthropic-version': '2023-06-01', 'x-standin-session': 'w1' },
  )
  expect(await response.json()).toEqual({ recorded: true })
  expect(seen).toEqual(['anthropic.messages chat w1'])
  expect(engine.sessions.peek('w1')!.journal.last()!.response.text).toBe('from upstream')
})

test('onReply sees every decoded exchange and can replace the reply', async () => {
  const engine = new Engine({ strict: false })
  engine.seams.onReply = (context, reply) =>
    context.request.kind === 'chat' ? jsonReply(500, { error: { message: 'Chaos: request dropped' } }) : reply
  const dropped = await post(engine, '/v1/chat/completions', {
    model: 'm',
    messages: [{ role: 'user', content: 'x' }],
  })
  expect(dropped.status).toBe(500)
  const embedded = await post(engine, '/v1/embeddings', { model: 'e', input: 'x' })
  expect(embedded.status).toBe(200)
})

test('onRequest answers before any fixture is selected: no sequence advances, and onReply still sees the reply', async () => {
  const engine = new Engine({ strict: true })
  registerEntry(
    engine.runtime,
    { match: { userMessage: 'x', sequenceIndex: 0 }, response: { content: 'first' } },
    'test',
    false,
  )
  let refuse = true
  engine.seams.onRequest = (context) =>
    refuse
      ? {
          reply: jsonReply(429, { error: { message: `busy: ${context.request.kind}` } }),
          journal: { status: 429, stream: false, rateLimited: 'requests' },
        }
      : undefined
  const seen: number[] = []
  engine.seams.onReply = (_context, reply) => {
    seen.push(reply.status)
    return reply
  }
  const chat = { model: 'm', messages: [{ role: 'user', content: 'x' }] }
  const refused = await post(engine, '/v1/chat/completions', chat)
  expect(refused.status).toBe(429)
  expect(await refused.json()).toEqual({ error: { message: 'busy: chat' } })
  expect(engine.sessions.default.journal.last()).toMatchObject({
    fixture: null,
    response: { status: 429, rateLimited: 'requests' },
  })
  refuse = false
  const served = await post(engine, '/v1/chat/completions', chat)
  expect((await served.json()).choices[0].message.content).toBe('first')
  expect(seen).toEqual([429, 200])
})

test('onRequest and onReply see the same exchange, and onReply sees the request a fallback model answered', async () => {
  const engine = new Engine({ strict: true })
  registerEntry(
    engine.runtime,
    { match: { model: 'mistralai/mistral-large' }, response: { content: 'Mistral answered' } },
    'test',
    false,
  )
  registerEntry(
    engine.runtime,
    { match: { userMessage: 'plain' }, response: { content: 'plain' } },
    'test',
    false,
  )
  const seen: string[] = []
  const show = (seam: string, context: SeamContext) =>
    `${seam} ${context.request.model} ${context.path} ${context.body.length > 0} ${context.method}`
  engine.seams.onRequest = (context) => void seen.push(show('request', context))
  engine.seams.onReply = (context, reply) => {
    seen.push(show('reply', context))
    return reply
  }
  const fallback = {
    model: 'openai/gpt-4o',
    models: ['mistralai/mistral-large'],
    messages: [{ role: 'user', content: 'x' }],
  }
  const answered = await post(engine, '/api/v1/chat/completions', fallback)
  expect((await answered.json()).choices[0].message.content).toBe('Mistral answered')
  const plain = await post(engine, '/v1/chat/completions', {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'plain' }],
  })
  expect(plain.status).toBe(200)
  expect(seen).toEqual([
    'request openai/gpt-4o /api/v1/chat/completions true POST',
    'reply mistralai/mistral-large /api/v1/chat/completions true POST',
    'request gpt-4o /v1/chat/completions true POST',
    'reply gpt-4o /v1/chat/completions true POST',
  ])
})

test('with no seam, the rate limiter alone adds its headers to every reply and answers its 429', async () => {
  const engine = new Engine({ strict: false })
  installRateLimits(engine, { requestsPerWindow: 1 })
  registerEntry(engine.runtime, { match: { userMessage: 'x' }, response: { content: 'y' } }, 'test', false)
  const chat = { model: 'm', messages: [{ role: 'user', content: 'x' }] }
  const served = await post(engine, '/v1/chat/completions', chat)
  expect(served.status).toBe(200)
  expect(served.headers.get('x-ratelimit-remaining-requests')).toBe('0')
  const refused = await post(engine, '/v1/chat/completions', chat)
  expect(refused.status).toBe(429)
  expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0')
  expect(refused.headers.get('retry-after')).not.toBeNull()
  expect(engine.sessions.default.journal.last()!.response).toMatchObject({ rateLimited: 'requests' })
})

test("the rate limiter runs after the seams: a seam's own answer is not counted, and the seam's reply gets the headers", async () => {
  const engine = new Engine({ strict: false })
  installRateLimits(engine, { requestsPerWindow: 1 })
  registerEntry(engine.runtime, { match: { userMessage: 'x' }, response: { content: 'y' } }, 'test', false)
  let refuse = true
  // Both async: the limiter waits for them.
  engine.seams.onRequest = async () =>
    refuse
      ? {
          reply: jsonReply(503, { error: { message: 'busy' } }),
          journal: { status: 503, stream: false },
        }
      : undefined
  const seen: number[] = []
  engine.seams.onReply = async (_context, reply) => {
    seen.push(reply.status)
    return { ...reply, headers: { ...reply.headers, 'x-seen': 'yes' } }
  }
  const chat = { model: 'm', messages: [{ role: 'user', content: 'x' }] }
  const busy = await post(engine, '/v1/chat/completions', chat)
  expect(busy.status).toBe(503)
  expect(busy.headers.get('x-ratelimit-remaining-requests')).toBe('1')
  refuse = false
  const served = await post(engine, '/v1/chat/completions', chat)
  expect([served.status, served.headers.get('x-seen')]).toEqual([200, 'yes'])
  expect(served.headers.get('x-ratelimit-remaining-requests')).toBe('0')
  const limited = await post(engine, '/v1/chat/completions', chat)
  expect([limited.status, limited.headers.get('x-seen')]).toEqual([429, 'yes'])
  expect(seen).toEqual([503, 200, 429])
})
