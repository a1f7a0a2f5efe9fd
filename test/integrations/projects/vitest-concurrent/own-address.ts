/**
 * Tests that run at the same time, each with a client built from its own address (`standin.url`): each
 * gets its own answers, its hooks' fixtures and requests stay its own, and its journal holds only its
 * requests. `define` is `test.concurrent`, or `test` inside `describe.concurrent` or `sequence.concurrent`.
 */
import OpenAI from 'openai'
import { afterEach, beforeEach } from 'vitest'
import { expect, type StandinFixtures, type StandinTestSession } from 'standin/vitest'
import { meeting } from './meeting'

export async function ask(client: OpenAI, question: string): Promise<string | null> {
  const answer = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return answer.choices[0]!.message.content
}

/** `test.concurrent`, or `test` where tests run concurrently anyway. */
type Define = (name: string, fn: (context: { standin: StandinTestSession }) => Promise<void>) => void

export function defineOwnAddressTests(define: Define, label: string, count = 3): void {
  const meet = meeting(count)
  beforeEach<StandinFixtures>(async ({ standin }) => {
    standin.on({ userMessage: 'who am i' }, { content: `hook answer for ${standin.id}` })
    const client = new OpenAI({ baseURL: `${standin.url}/v1`, maxRetries: 0 })
    expect(await ask(client, 'shared question')).toBe('from the file')
  })
  afterEach<StandinFixtures>(({ standin }) => {
    // The hook's request, and the test's two: nobody else's.
    expect(standin).toHaveRequestCount(3)
  })
  for (let n = 1; n <= count; n++) {
    define(`passes: ${label} ${n} gets its own answers`, async ({ standin }) => {
      standin.on({ userMessage: 'which test' }, { content: `${label} ${n}` })
      const client = new OpenAI({ baseURL: `${standin.url}/v1`, maxRetries: 0 })
      await meet()
      expect(await ask(client, 'which test')).toBe(`${label} ${n}`)
      expect(await ask(client, 'who am i')).toBe(`hook answer for ${standin.id}`)
      expect(standin.journal.entries.map((entry) => entry.session)).toEqual([
        standin.id,
        standin.id,
        standin.id,
      ])
      expect(standin.url).toBe(`${standin.workerUrl}/_s/${standin.id}`)
    })
  }
}
