/**
 * Gemini Live in-process through MSW's `ws` API: `@google/genai`'s web build opens its Live session on the
 * global `WebSocket` to the real host, MSW intercepts it, and standin answers from the fixtures with the
 * same turns and journal as over its port. Node 20 has no global `WebSocket`: the `ws` package's class
 * stands in for it (Node 22+ and browsers have one).
 */
import { GoogleGenAI, Modality, type LiveServerMessage } from '@google/genai/web'
import { setupServer } from 'msw/node'
import { createStandin, matchers } from 'standin'
import { standinHandlers } from 'standin/msw'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { WebSocket } from 'ws'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
  }
}
expect.extend(matchers)

const globals = globalThis as { WebSocket?: unknown }
const hadWebSocket = 'WebSocket' in globals
if (!hadWebSocket) globals.WebSocket = WebSocket

const mock = createStandin({ strict: false })
const server = setupServer(...standinHandlers(mock, { providers: ['gemini'] }))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await mock.stop()
  if (!hadWebSocket) delete globals.WebSocket
})

test('a Live text turn on wss://generativelanguage.googleapis.com is answered in-process', async () => {
  mock.onMessage('hello msw', { content: 'Hi from Gemini Live, in-process.' })
  const messages: LiveServerMessage[] = []
  let turnComplete = () => {}
  const done = new Promise<void>((resolve) => (turnComplete = resolve))
  const ai = new GoogleGenAI({ apiKey: 'test-key' })
  const session = await ai.live.connect({
    model: 'gemini-live-2.5-flash',
    config: { responseModalities: [Modality.TEXT] },
    callbacks: {
      onmessage: (message) => {
        messages.push(message)
        if (message.serverContent?.turnComplete) turnComplete()
      },
    },
  })
  session.sendClientContent({ turns: 'hello msw' })
  await done
  session.close()

  const text = messages.flatMap((m) => m.serverContent?.modelTurn?.parts ?? []).map((p) => p.text)
  expect(text.join('')).toBe('Hi from Gemini Live, in-process.')
  expect(mock).toHaveReceivedMessage('hello msw')
  expect(mock.journal.last()).toMatchObject({ surface: 'gemini.live', method: 'WS' })
})
