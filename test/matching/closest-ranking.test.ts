/**
 * The miss diagnostic's "Closest" list: fewest fields missed first, then the most similar text (bigram
 * containment of the fixture's literal in the request's text), then search order.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { bigrams, containment } from '../../src/matching/similarity'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'
import { rejection } from '../helpers/rejection'

let server: OpenAIMock
beforeAll(async () => {
  server = await startOpenAIMock()
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const ask = (content: string, model = 'gpt-4o') =>
  server.client.chat.completions.create({ model, messages: [{ role: 'user', content }] })

describe('Closest', () => {
  test('a typo lists the fixture it was meant for first, not the first registered', async () => {
    server.mock.onMessage('hello', { content: 'hi' }, { id: 'hello' })
    server.mock.onMessage('stock price', { content: 'up' }, { id: 'stocks' })
    server.mock.onMessage('weather in Paris', { content: 'sunny' }, { id: 'weather' })
    const error = await rejection(ask('what is the wether in Paris'))
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/Closest: weather: userMessage expected "weather in Paris"/)
    const miss = server.mock.journal.last()!.miss!
    expect(miss.closest.map((c) => c.fixtureId)).toEqual(['weather', 'hello', 'stocks'])
    expect(miss.closest[0]!.similarity).toBeGreaterThan(0.9)
    expect(miss.closest[1]!.similarity).toBeLessThan(0.5)
  })

  test('fewer missed fields rank before more similar text', async () => {
    server.mock.on(
      { userMessage: 'weather in Paris', model: 'gpt-4o-mini' },
      { content: 'x' },
      { id: 'two-off' },
    )
    server.mock.on({ userMessage: 'hello' }, { content: 'x' }, { id: 'one-off' })
    await rejection(ask('what is the wether in Paris'))
    expect(server.mock.journal.last()!.miss!.closest.map((c) => c.fixtureId)).toEqual(['one-off', 'two-off'])
  })

  test('equal fields and similarity keep registration order', async () => {
    server.mock.on({ model: 'model-a' }, { content: 'x' }, { id: 'a' })
    server.mock.on({ model: 'model-b' }, { content: 'x' }, { id: 'b' })
    await rejection(ask('anything', 'gpt-4o'))
    expect(server.mock.journal.last()!.miss!.closest.map((c) => c.fixtureId)).toEqual(['a', 'b'])
  })
})

describe('the similarity measure', () => {
  test("is the share of the pattern's bigrams the text holds, ignoring case and spacing", () => {
    expect(containment('Hello', bigrams('well, HELLO  there'))).toBe(1)
    expect(containment('weather in Paris', bigrams('what is the wether in Paris'))).toBeCloseTo(14 / 15)
    expect(containment('hello', bigrams('what is the wether in Paris'))).toBe(0.25)
    expect(containment('xyz', bigrams('abc'))).toBe(0)
  })
})

describe('toHaveReceivedMessage wording', () => {
  test('names the role with its article, or says any role', async () => {
    server.mock.onMessage('hi', { content: 'hello' })
    await ask('hi')
    const { matchers } = await import('../../src')
    const anyRole = matchers.toHaveReceivedMessage(server.mock, 'absent')
    expect(anyRole.message()).toContain('to have received a message (of any role) containing "absent"')
    const assistant = matchers.toHaveReceivedMessage(server.mock, 'absent', { role: 'assistant' })
    expect(assistant.message()).toContain('to have received an assistant message containing "absent"')
    const user = matchers.toHaveReceivedMessage(server.mock, 'absent', { role: 'user' })
    expect(user.message()).toContain('to have received a user message containing "absent"')
  })
})
