/**
 * The openai SDK's Realtime client always dials `wss:`. Under the live-call guard (MSW's interceptors) a
 * request's own `createConnection` is ignored and the client speaks TLS to the mock's plain port; an agent's
 * `createConnection` is honoured, which is why `standinAgent(url)` is the documented way in.
 */
import { get as httpsGet } from 'node:https'
import OpenAI from 'openai'
import { OpenAIRealtimeWS } from 'openai/realtime/ws'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStandin, standinAgent } from '../../src/index'
import {
  ALLOW_LIVE_CALLS_WORDS,
  installLiveCallGuard,
  type LiveCallGuard,
} from '../../integrations/live-guard'

let guard: LiveCallGuard
const mock = createStandin()
let url: string

beforeAll(async () => {
  guard = await installLiveCallGuard({ mode: 'fail', words: ALLOW_LIVE_CALLS_WORDS })
  url = await mock.start()
})
afterAll(async () => {
  guard.dispose()
  await mock.stop()
})

test('a Realtime turn through standinAgent(url) under the live-call guard', async () => {
  mock.onMessage('hello', { content: 'Hi through the agent' })
  guard.begin({ name: 'realtime agent' })
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test' })
  const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { agent: standinAgent(url) } }, client)
  const text = await new Promise<string>((resolve, reject) => {
    let received = ''
    rt.on('response.output_text.delta', (event) => (received += event.delta))
    rt.on('response.done', () => resolve(received))
    rt.on('error', reject)
    rt.socket.on('open', () => {
      rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
      rt.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
      })
      rt.send({ type: 'response.create' })
    })
  })
  rt.close()
  expect(text).toBe('Hi through the agent')
  expect(guard.end()).toBeUndefined()
  expect(mock.journal.last()?.request?.kind).toBe('chat')
})

test('standinAgent(url) sends an https: request over plain TCP to the mock, not to port 443 over TLS', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const request = httpsGet('https://localhost/health', { agent: standinAgent(url) }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
  })
  expect(status).toBe(200)
})
