import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { asker, type Ask } from '../helpers/answer'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let ask: Ask
beforeAll(async () => {
  server = await startOpenAIMock()
  ask = asker(server.client)
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const MISS = 404
const search: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'search', parameters: { type: 'object' } } },
]

/** A conversation with `turns` assistant replies before the last user message. */
function conversation(turns: number, last = 'next'): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = []
  for (let i = 0; i < turns; i++)
    messages.push({ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` })
  messages.push({ role: 'user', content: last })
  return messages
}

describe('first match wins, in registration order', () => {
  test('an earlier broad fixture beats a later exact one', async () => {
    server.mock.on({ model: 'gpt-4o' }, { content: 'by model' })
    server.mock.onMessage('hello', { content: 'by message' })
    expect(await ask('hello')).toBe('by model')
    expect(await ask('hello', { model: 'gpt-4o-mini' })).toBe('by message')
  })

  test('order holds across indexed and scanned fixtures', async () => {
    server.mock.on(
      { predicate: (r) => r.kind === 'chat' && r.messages.length > 1 },
      { content: 'by predicate' },
    )
    server.mock.onToolCall('search', { content: 'by tool' })
    server.mock.onMessage('hi', { content: 'by message' })
    server.mock.on({}, { content: 'catch-all' })
    expect(await ask(conversation(1, 'hi'), { tools: search })).toBe('by predicate')
    expect(await ask('hi', { tools: search })).toBe('by tool')
    expect(await ask('hi')).toBe('by message')
    expect(await ask('bye')).toBe('catch-all')
  })

  test('short userMessage patterns (below the index gram size) keep their place in the order', async () => {
    server.mock.onMessage('ok', { content: 'short first' })
    server.mock.onMessage('ok then', { content: 'long second' })
    expect(await ask('ok then')).toBe('short first')
  })

  test('a fixture file loaded first beats one added later by code', async () => {
    server.mock.add([{ match: { userMessage: 'dup' }, response: { content: 'first' } }])
    server.mock.onMessage('dup', { content: 'second' })
    expect(await ask('dup')).toBe('first')
  })
})

describe('sequenceIndex', () => {
  test('answers 0, 1, ... in turn, then falls back to an unsequenced fixture', async () => {
    server.mock.on({ userMessage: 'joke', sequenceIndex: 0 }, { content: 'first joke' })
    server.mock.on({ userMessage: 'joke', sequenceIndex: 1 }, { content: 'second joke' })
    server.mock.on({ userMessage: 'joke' }, { content: 'out of jokes' })
    expect(await ask('tell me a joke')).toBe('first joke')
    expect(await ask('tell me a joke')).toBe('second joke')
    expect(await ask('tell me a joke')).toBe('out of jokes')
    expect(await ask('tell me a joke')).toBe('out of jokes')
  })

  test('without a fallback the sequence ends in a miss that says the fixtures were used up', async () => {
    server.mock.on({ userMessage: 'once', sequenceIndex: 0 }, { content: 'only once' }, { id: 'single' })
    expect(await ask('once')).toBe('only once')
    expect(await ask('once')).toBe(MISS)
    const miss = server.mock.journal.last()!.miss!
    expect(miss.skippedBySequence).toBe(1)
    expect(miss.message).toMatch(/sequenceIndex was already used/)
    expect(miss.closest[0]).toMatchObject({ fixtureId: 'single', mismatches: [{ field: 'sequenceIndex' }] })
  })

  test('separate match criteria keep separate sequences', async () => {
    server.mock.on({ userMessage: 'alpha', sequenceIndex: 0 }, { content: 'alpha 0' })
    server.mock.on({ userMessage: 'alpha', sequenceIndex: 1 }, { content: 'alpha 1' })
    server.mock.on({ userMessage: 'beta', sequenceIndex: 0 }, { content: 'beta 0' })
    server.mock.on({ userMessage: 'beta', sequenceIndex: 1 }, { content: 'beta 1' })
    expect(await ask('alpha')).toBe('alpha 0')
    expect(await ask('beta')).toBe('beta 0')
    expect(await ask('alpha')).toBe('alpha 1')
    expect(await ask('beta')).toBe('beta 1')
  })

  test('a fixture with the same criteria but no sequenceIndex advances the sequence it shares', async () => {
    server.mock.on({ userMessage: 'tally', sequenceIndex: 1 }, { content: 'second' })
    server.mock.on({ userMessage: 'tally', model: 'gpt-4o', sequenceIndex: 1 }, { content: 'by model' })
    server.mock.on({ userMessage: 'tally' }, { content: 'plain' })
    // The plain fixture (kept as its text) answers the first request, so the sequence is at 1.
    expect(await ask('tally')).toBe('plain')
    expect(await ask('tally')).toBe('second')
    expect(await ask('tally')).toBe('plain')
    // Other criteria (a model as well) are another sequence, which nothing answered yet.
    expect(await ask('tally', { model: 'gpt-4o' })).toBe('plain')
    expect(await ask('tally', { model: 'gpt-4o' })).toBe('plain')
  })

  test('each session keeps its own position', async () => {
    server.mock.on({ userMessage: 'step', sequenceIndex: 0 }, { content: 'step 0' })
    server.mock.on({ userMessage: 'step', sequenceIndex: 1 }, { content: 'step 1' })
    const a = { 'x-standin-session': 'session-a' }
    const b = { 'x-standin-session': 'session-b' }
    expect(await ask('step', {}, a)).toBe('step 0')
    expect(await ask('step', {}, a)).toBe('step 1')
    expect(await ask('step', {}, b)).toBe('step 0')
    expect(await ask('step')).toBe('step 0')
    expect(await ask('step', {}, b)).toBe('step 1')
  })

  test('reset() starts sequences over', async () => {
    server.mock.add([
      { match: { userMessage: 'again', sequenceIndex: 0 }, response: { content: 'zero' } },
      { match: { userMessage: 'again', sequenceIndex: 1 }, response: { content: 'one' } },
    ])
    expect(await ask('again')).toBe('zero')
    expect(await ask('again')).toBe('one')
    server.mock.reset()
    server.mock.add([{ match: { userMessage: 'again', sequenceIndex: 0 }, response: { content: 'zero' } }])
    expect(await ask('again')).toBe('zero')
  })
})

describe('turnIndex (number of assistant messages)', () => {
  test('each scripted turn answers at its position in the conversation', async () => {
    server.mock.on({ userMessage: 'next', turnIndex: 0 }, { content: 'turn 0' })
    server.mock.on({ userMessage: 'next', turnIndex: 1 }, { content: 'turn 1' })
    server.mock.on({ userMessage: 'next', turnIndex: 2 }, { content: 'turn 2' })
    expect(await ask(conversation(0))).toBe('turn 0')
    expect(await ask(conversation(1))).toBe('turn 1')
    expect(await ask(conversation(2))).toBe('turn 2')
  })

  test('past the last scripted turn, the highest turn not ahead of the conversation answers', async () => {
    server.mock.on({ userMessage: 'next', turnIndex: 0 }, { content: 'turn 0' })
    server.mock.on({ userMessage: 'next', turnIndex: 2 }, { content: 'turn 2' })
    expect(await ask(conversation(1))).toBe('turn 0')
    expect(await ask(conversation(5))).toBe('turn 2')
  })

  test('when every scripted turn is ahead, a plain fixture answers, else the lowest scripted turn', async () => {
    server.mock.on({ userMessage: 'next', turnIndex: 3 }, { content: 'turn 3' })
    server.mock.on({ userMessage: 'next', turnIndex: 2 }, { content: 'turn 2' })
    expect(await ask(conversation(0))).toBe('turn 2')
    server.mock.on({ userMessage: 'next' }, { content: 'plain' })
    expect(await ask(conversation(0))).toBe('plain')
    expect(await ask(conversation(2))).toBe('turn 2')
  })

  test('at the exact turn, a plain fixture registered earlier keeps first-match-wins', async () => {
    server.mock.on({ userMessage: 'next' }, { content: 'plain first' })
    server.mock.on({ userMessage: 'next', turnIndex: 1 }, { content: 'turn 1' })
    expect(await ask(conversation(1))).toBe('plain first')
    expect(await ask(conversation(2))).toBe('turn 1')
  })
})

describe('sessions', () => {
  test("a session's own fixtures come first, then the shared ones", async () => {
    server.mock.onMessage('hi', { content: 'shared' })
    const session = server.mock.session('private')
    session.onMessage('hi', { content: 'session only' })
    expect(await ask('hi', {}, session.headers)).toBe('session only')
    expect(await ask('hi')).toBe('shared')
    expect(await ask('hi', {}, { 'x-standin-session': 'someone-else' })).toBe('shared')
    expect(session.fixtures).toHaveLength(1)
    session.reset()
    expect(session.fixtures).toHaveLength(0)
    expect(await ask('hi', {}, session.headers)).toBe('shared')
  })
})
