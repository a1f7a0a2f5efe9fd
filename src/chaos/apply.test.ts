import { describe, expect, test } from 'vitest'
import type { Reply } from '../core/reply'
import { encodeEventStreamMessage } from '../streaming/aws-event-stream'
import { applyChaos } from './apply'

const never = (): Reply => {
  throw new Error('not a drop')
}

async function text(body: Reply['body']): Promise<string> {
  if (body === null || typeof body === 'string') return body ?? ''
  if (body instanceof Uint8Array) return Buffer.from(body).toString()
  let out = ''
  for await (const chunk of body) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
  return out
}

describe('malformed', () => {
  test('SSE: first event intact, the next keeps its event line and carries cut JSON, then the end', async () => {
    const sse = 'event: a\ndata: {"n":1}\n\nevent: b\ndata: {"n":2,"text":"hello"}\n\ndata: [DONE]\n\n'
    const reply = applyChaos(
      'malformed',
      { status: 200, headers: { 'content-type': 'text/event-stream' }, body: sse },
      never,
    )
    const out = await text(reply.body)
    const [first, second, rest] = out.split('\n\n')
    expect(first).toBe('event: a\ndata: {"n":1}')
    expect(second!.startsWith('event: b\ndata: {')).toBe(true)
    expect(() => JSON.parse(second!.split('data: ')[1]!)).toThrow(SyntaxError)
    expect(rest).toBe('')
  })

  test('NDJSON: the second line is not JSON', async () => {
    const body = '{"a":1}\n{"b":2}\n{"c":3}\n'
    const reply = applyChaos(
      'malformed',
      { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body },
      never,
    )
    const lines = (await text(reply.body)).split('\n')
    expect(JSON.parse(lines[0]!)).toEqual({ a: 1 })
    expect(() => JSON.parse(lines[1]!)).toThrow(SyntaxError)
  })

  test('AWS event stream: the second message has a bad CRC', async () => {
    const message = (n: number) =>
      encodeEventStreamMessage({
        headers: { ':event-type': 'chunk', ':message-type': 'event' },
        payload: `{"n":${n}}`,
      })
    const body = Buffer.concat([message(1), message(2)])
    const reply = applyChaos(
      'malformed',
      { status: 200, headers: { 'content-type': 'application/vnd.amazon.eventstream' }, body },
      never,
    )
    const chunks: Uint8Array[] = []
    for await (const chunk of reply.body as AsyncIterable<Uint8Array>) chunks.push(chunk)
    expect(Buffer.from(chunks[0]!)).toEqual(Buffer.from(message(1)))
    expect(Buffer.from(chunks[1]!)).not.toEqual(Buffer.from(message(2)))
    expect(chunks[1]!.length).toBe(message(2).length)
  })

  test('a non-JSON content type becomes application/json (clients then parse it)', () => {
    const reply = applyChaos(
      'malformed',
      { status: 200, headers: { 'content-type': 'text/plain' }, body: '{"a":"bcd"}' },
      never,
    )
    expect(reply.headers['content-type']).toBe('application/json')
    expect(() => JSON.parse(reply.body as string)).toThrow()
  })
})
