/**
 * Streaming a large reply: it arrives whole through the official SDK, and a chunk never splits a code
 * point or a grapheme cluster. Speed is measured in the bench, never asserted here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
beforeAll(async () => {
  server = await startOpenAIMock()
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const MB = 1024 * 1024

/** Text of `length` code units: mostly ASCII, with an emoji, a combining mark and CJK now and then. */
function largeText(length: number): string {
  const line = 'The quick brown fox jumps over the lazy dog 🦊, café\u0301 and 世界. '
  return line.repeat(Math.ceil(length / line.length)).slice(0, length - 1) + '.'
}

/** Text where every kind of multi-code-point character sits next to every other. */
const CLUSTERS = [
  'a',
  '😀', // a surrogate pair
  '👩‍💻', // a ZWJ sequence
  '👨‍👩‍👧‍👦', // a longer ZWJ sequence
  '🇫🇷', // a flag: two regional indicators
  'e\u0301', // a combining mark on its base
  'a\u0301\u0323', // two combining marks
  '❤️', // a variation selector
  'नमस्ते', // Devanagari vowel signs and a conjunct
  '世',
  ' ',
]
const MIXED = Array.from({ length: 400 }, (_, i) => CLUSTERS[(i * 7) % CLUSTERS.length]).join('')

async function streamedDeltas(text: string): Promise<string[]> {
  const stream = await server.client.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'user', content: text }],
  })
  const deltas: string[] = []
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta.content
    if (content) deltas.push(content)
  }
  return deltas
}

/** Offsets where Intl.Segmenter puts a grapheme boundary (fine on a short text). */
function graphemeBoundaries(text: string): Set<number> {
  const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)
  return new Set([...segments].map((s) => s.index))
}

describe('a large reply streams whole', () => {
  // 200,000 SSE events through the SDK's parser take seconds on a busy machine; the time is not asserted.
  test('a 4 MB reply streamed through the openai SDK arrives intact', { timeout: 120_000 }, async () => {
    const content = largeText(4 * MB)
    server.mock.onMessage('large', { content })
    const deltas = await streamedDeltas('large please')
    expect(deltas.join('')).toBe(content)
    // The default chunk size (20) holds: a cut moves only to end a grapheme cluster.
    expect(deltas.length).toBeGreaterThan(content.length / 21)
    expect(deltas.every((d) => [...d].length <= 21)).toBe(true)
  })

  test('1 MB of tool-call arguments streamed through the openai SDK arrives intact', async () => {
    const args = JSON.stringify({ text: largeText(MB) })
    server.mock.onMessage('tool', { toolCalls: [{ name: 'save', arguments: args }] })
    const stream = await server.client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'tool please' }],
      tools: [{ type: 'function', function: { name: 'save', parameters: { type: 'object' } } }],
    })
    let received = ''
    for await (const chunk of stream)
      received += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? ''
    expect(received).toBe(args)
  })
})

describe('a chunk never splits a character', () => {
  test.each([1, 2, 3, 5])('chunkSize %i: every cut falls on a grapheme boundary', async (chunkSize) => {
    server.mock.onMessage('mixed', { content: MIXED }, { chunkSize })
    const deltas = await streamedDeltas('mixed please')
    expect(deltas.join('')).toBe(MIXED)
    const boundaries = graphemeBoundaries(MIXED)
    let offset = 0
    for (const delta of deltas) {
      expect(delta).not.toMatch(/\p{Cs}/u) // no lone surrogate
      expect(boundaries.has(offset)).toBe(true)
      offset += delta.length
    }
  })

  test('a cut inside a cluster moves to its end, so chunks grow rather than break', async () => {
    server.mock.onMessage('family', { content: 'a👨‍👩‍👧‍👦b🇫🇷🇩🇪e\u0301' }, { chunkSize: 1 })
    expect(await streamedDeltas('family please')).toEqual(['a', '👨‍👩‍👧‍👦', 'b', '🇫🇷', '🇩🇪', 'e\u0301'])
  })

  test('a skin-tone modifier may start a chunk (it renders on its own), one code point per chunk', async () => {
    server.mock.onMessage('wave', { content: '👋🏽!' }, { chunkSize: 1 })
    expect(await streamedDeltas('wave please')).toEqual(['👋', '🏽', '!'])
  })
})
