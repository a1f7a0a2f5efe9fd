/**
 * Rate-limit quotas on WebSocket turns, through the official clients: a turn counts against the same window
 * as an HTTP request (same scope, same quota), and a turn over the quota gets the provider's rate-limit error:
 * Realtime's `error` event (and `rate_limits.updated` at the start of each response, with the limiter's
 * numbers), the Responses `error` event with status 429, and Gemini Live's close 1011 with a quota reason.
 * The refused turn is journaled as rate limited; no fixture is served for it.
 */
import { Modality } from '@google/genai'
import OpenAI from 'openai'
import type { ResponsesServerEvent } from 'openai/resources/responses/responses'
import { ResponsesWS } from 'openai/resources/responses/ws'
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src/internal'
import { outcomeOf } from '../../src/metrics/request-outcome'
import { connectLive } from './live-client'
import { openRealtime, type Realtime } from './realtime-helpers'

let mock: Standin | undefined
afterEach(async () => {
  await mock?.stop()
  mock = undefined
})

async function start(rateLimits: NonNullable<Parameters<typeof createStandin>[0]>['rateLimits']) {
  mock = createStandin({ rateLimits, seed: 'ws-quota' })
  return { mock, url: await mock.start() }
}

function ask(r: Realtime, text: string) {
  r.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  })
  r.send({ type: 'response.create' })
}

describe('OpenAI Realtime', () => {
  test('rate_limits.updated at each response; past the quota an error event, the socket stays open', async () => {
    const { mock, url } = await start({ requestsPerWindow: 2, windowMs: 60_000 })
    mock.on({ userMessage: 'hi' }, { content: 'Hello.' }, { id: 'greeting' })
    const r = await openRealtime(url)
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    ask(r, 'hi')
    const first = await r.next('rate_limits.updated')
    await r.next('response.done')
    ask(r, 'hi')
    const second = await r.next('rate_limits.updated')
    await r.next('response.done')
    expect(first.rate_limits).toEqual([
      { name: 'requests', limit: 2, remaining: 1, reset_seconds: expect.any(Number) },
      { name: 'tokens', limit: 2_000_000, remaining: expect.any(Number), reset_seconds: expect.any(Number) },
    ])
    expect(first.rate_limits[0].reset_seconds).toBeGreaterThan(0)
    expect(first.rate_limits[0].reset_seconds).toBeLessThanOrEqual(60)
    expect(second.rate_limits[0]).toMatchObject({ name: 'requests', limit: 2, remaining: 0 })
    // The first turn's tokens were charged to the window.
    expect(second.rate_limits[1].remaining).toBeLessThan(2_000_000)

    ask(r, 'hi')
    const error = await r.next('error')
    expect(error.error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: expect.stringMatching(
        /^Rate limit reached for gpt-realtime on requests per 1m0s .*Limit 2, Used 2, Requested 1\. Please try again in /,
      ),
    })
    const refused = mock.journal.last()!
    expect(refused).toMatchObject({
      method: 'WS',
      surface: 'openai.realtime',
      response: { status: 429, rateLimited: 'requests', error: { code: 'rate_limit_exceeded' } },
    })
    expect(refused.fixture).toBeNull()
    expect(outcomeOf(refused)).toBe('rate_limited')
    expect(mock.journal.entries.filter((e) => e.fixture?.id === 'greeting')).toHaveLength(2)
    // Not a response: no response.created or rate_limits.updated for it; the socket stays open.
    expect(r.events.filter((e) => e.type === 'response.created')).toHaveLength(2)
    expect(r.events.filter((e) => e.type === 'rate_limits.updated')).toHaveLength(2)
    r.rt.close()
    expect(await r.closed).toBe(1000)
  })

  test('HTTP requests and WebSocket turns of a session share one window', async () => {
    const { mock, url } = await start({ requestsPerWindow: 1 })
    mock.on({ userMessage: 'hi' }, { content: 'Hello.' })
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(completion.choices[0]!.message.content).toBe('Hello.')
    const r = await openRealtime(url)
    ask(r, 'hi')
    const error = await r.next('error')
    r.rt.close()
    expect(error.error.code).toBe('rate_limit_exceeded')
  })

  test('the token quota counts what a turn used; the next request over HTTP gets the 429', async () => {
    const { mock, url } = await start({ tokensPerWindow: 55 })
    mock.on({ userMessage: 'long' }, { content: 'x', usage: { input_tokens: 10, output_tokens: 45 } })
    const r = await openRealtime(url)
    r.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    ask(r, 'long')
    const limits = await r.next('rate_limits.updated')
    await r.next('response.done')
    r.rt.close()
    expect(limits.rate_limits[1]).toMatchObject({ name: 'tokens', limit: 55, remaining: 0 })
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
    const refused = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'long' }] })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError)
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('rate_limit_exceeded')
  })
})

describe('Responses over WebSocket', () => {
  test('past the quota: the error event with status 429, as the SDK reads it', async () => {
    const { mock, url } = await start({ requestsPerWindow: 1, scope: 'global' })
    mock.onMessage('hello', { content: 'Hi.' })
    const ws = new ResponsesWS(new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 }))
    const events: ResponsesServerEvent[] = []
    const raised: unknown[] = []
    let wake = () => {}
    ws.on('event', (event) => {
      events.push(event)
      wake()
    })
    ws.on('error', (error) => raised.push(error))
    const until = async (type: string) => {
      while (!events.some((e) => e.type === type)) await new Promise<void>((resolve) => (wake = resolve))
    }
    ws.send({ type: 'response.create', model: 'gpt-5.2', input: 'hello' })
    await until('response.completed')
    ws.send({ type: 'response.create', model: 'gpt-5.2', input: 'hello again' })
    await until('error')
    ws.close()
    const error = events.find((e) => e.type === 'error')
    expect(error).toMatchObject({
      type: 'error',
      status: 429,
      error: {
        type: 'requests',
        code: 'rate_limit_exceeded',
        message: expect.stringContaining('(standin rateLimits, global scope): Limit 1, Used 1'),
      },
    })
    expect(raised.length).toBeGreaterThan(0)
    expect(mock.journal.last()!.response).toMatchObject({ status: 429, rateLimited: 'requests' })
  })
})

describe('Gemini Live', () => {
  test('past the quota the session closes with 1011 and a quota reason', async () => {
    const { mock, url } = await start({ requestsPerWindow: 1 })
    mock.onMessage('hello', { content: 'Hi from Live.' })
    const live = await connectLive({ baseUrl: url, config: { responseModalities: [Modality.TEXT] } })
    live.session.sendClientContent({ turns: 'hello' })
    const turn = await live.turn()
    expect(turn.flatMap((m) => m.serverContent?.modelTurn?.parts ?? []).map((p) => p.text)).toEqual([
      'Hi from Live.',
    ])
    live.session.sendClientContent({ turns: 'hello again' })
    const closed = await live.closed
    expect(closed.code).toBe(1011)
    expect(closed.reason).toMatch(
      /^RESOURCE_EXHAUSTED: You exceeded your current quota \(standin rateLimits: requests\)\. Please retry in \d+s\.$/,
    )
    expect(mock.journal.last()).toMatchObject({
      surface: 'gemini.live',
      response: { status: 429, rateLimited: 'requests' },
    })
  })
})
