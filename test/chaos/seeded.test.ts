import { describe, expect, test } from 'vitest'
import { createStandin, type JournalEntry } from '../../src/internal'

const chat = (session: string) =>
  new Request('http://mock/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-standin-session': session },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
  })

/** One run: `requests` in session A (and, when asked, session B's requests interleaved). */
async function run(seed: number | undefined, requests: number, interleaveB = false): Promise<string[]> {
  const entries: JournalEntry[] = []
  const mock = createStandin({
    seed,
    chaos: { dropRate: 0.5 },
    onJournalEntry: (e) => entries.push(e),
  })
  mock.onMessage('hello', { content: 'hi' })
  for (let i = 0; i < requests; i++) {
    await mock.handle(chat('a'))
    if (interleaveB) await mock.handle(chat('b'))
  }
  return entries.filter((e) => e.session === 'a').map((e) => e.response.chaos ?? 'none')
}

describe('seeded chaos', () => {
  test('the same seed gives the same 200 decisions at rate 0.5 in two runs', async () => {
    const first = await run(7, 200)
    const second = await run(7, 200)
    expect(second).toEqual(first)
    const drops = first.filter((a) => a === 'drop').length
    expect(drops).toBeGreaterThan(50)
    expect(drops).toBeLessThan(150)
  })

  test('another seed gives another sequence', async () => {
    expect(await run(8, 200)).not.toEqual(await run(7, 200))
  })

  test("two sessions are independent: B's requests do not change A's sequence", async () => {
    expect(await run(7, 200, true)).toEqual(await run(7, 200))
  })

  test('reset() restarts a session stream', async () => {
    const entries: JournalEntry[] = []
    const mock = createStandin({
      seed: 1,
      chaos: { malformedRate: 0.5 },
      onJournalEntry: (e) => entries.push(e),
    })
    mock.onMessage('hello', { content: 'hi' })
    for (let i = 0; i < 20; i++) await mock.handle(chat('a'))
    mock.reset()
    for (let i = 0; i < 20; i++) await mock.handle(chat('a'))
    const actions = entries.map((e) => e.response.chaos ?? 'none')
    expect(actions.slice(20)).toEqual(actions.slice(0, 20))
  })

  test('session.setChaos applies to that session only', async () => {
    const mock = createStandin({ seed: 1 })
    mock.onMessage('hello', { content: 'hi' })
    const a = mock.session('a').setChaos({ dropRate: 1 })
    expect((await a.handle(chat('a'))).status).toBe(500)
    expect((await mock.handle(chat('b'))).status).toBe(200)
    a.setChaos(undefined)
    expect((await a.handle(chat('a'))).status).toBe(200)
  })

  test('without a seed, rates set after requests served without any apply at once (session, then mock)', async () => {
    const mock = createStandin()
    mock.onMessage('hello', { content: 'hi' })
    expect((await mock.handle(chat('a'))).status).toBe(200)
    const a = mock.session('a').setChaos({ dropRate: 1 })
    expect((await a.handle(chat('a'))).status).toBe(500)
    expect((await mock.handle(chat('b'))).status).toBe(200)
    mock.setChaos({ dropRate: 1 })
    expect((await mock.handle(chat('b'))).status).toBe(500)
  })

  test('a fixture file chaos is applied without the "not applied" warning', async () => {
    const mock = createStandin()
    mock.add([{ match: { userMessage: 'hello' }, response: { content: 'hi' }, chaos: { dropRate: 1 } }])
    const res = await mock.handle(chat('a'))
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ error: { code: 'chaos_drop' } })
  })
})
