// Adding standin's fixtures to your own `test.extend`.
import { test as base, expect } from 'vitest'
import { standinFixtures, type StandinFixtures } from 'standin/vitest'
import { runAgent } from '../src/agent'

const test = base.extend<StandinFixtures & { question: string }>({
  ...standinFixtures,
  question: 'hello from my own fixture',
})

test('standin fixtures next to your own', async ({ standin, question }) => {
  expect(await runAgent(question)).toBe('Hello! Ask me about the weather.')
  expect(standin).toHaveReceivedMessage(question, { role: 'user' })
  expect(standin).toHaveRequestCount(1)
})
