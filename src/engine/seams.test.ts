/**
 * The seams record & replay and chaos plug into: a miss can be answered by a seam (as record mode will
 * forward it upstream), and every reply can be replaced or wrapped (as chaos will drop or cut it), on
 * any provider, with no provider code involved.
 */
import { expect, test } from 'vitest'
import { jsonReply } from '../core/reply'
import { fromRequest, toResponse } from '../transports/fetch-adapter'
import { Engine } from './engine'

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
