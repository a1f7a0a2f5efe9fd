/**
 * The cut primitive chaos and stream cut-offs use: a reply with `cut` sends nothing, and a body that throws
 * `ConnectionCut` ends with a reset after what it already wrote, over the node server and the fetch adapter.
 */
import OpenAI from 'openai'
import { afterEach, expect, test } from 'vitest'
import { ConnectionCut, type Reply } from '../core/reply'
import { toResponse } from './fetch-adapter'
import { listen, type RunningServer } from './node-server'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const sse = (text: string) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`

async function* twoChunksThenCut(): AsyncIterable<string> {
  yield sse('one ')
  yield sse('two ')
  throw new ConnectionCut()
}

const streamed = (): Reply => ({
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  body: twoChunksThenCut(),
})

test('a cut reply sends nothing: the openai SDK gets an APIConnectionError', async () => {
  server = await listen(async () => ({ status: 200, headers: {}, body: 'never sent', cut: true }))
  const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0 })
  const error = await openai.chat.completions
    .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(OpenAI.APIConnectionError)
})

test('a stream cut after two chunks throws in the SDK after exactly those chunks, never a clean end', async () => {
  server = await listen(async () => streamed())
  const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0 })
  const stream = await openai.chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
  })
  const seen: string[] = []
  const error = await (async () => {
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '')
  })().catch((e: unknown) => e)
  expect(seen).toEqual(['one ', 'two '])
  expect(error).toBeInstanceOf(Error)
})

test('the fetch adapter answers a cut reply with a network error, and errors a cut stream', async () => {
  expect(toResponse({ status: 200, headers: {}, body: null, cut: true }).type).toBe('error')
  const response = toResponse(streamed())
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const error = await (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return undefined
      text += decoder.decode(value)
    }
  })().catch((e: unknown) => e)
  expect(text).toContain('two ')
  expect(error).toBeInstanceOf(TypeError)
})
