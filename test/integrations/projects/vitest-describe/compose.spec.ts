import { describe, test as vitestTest } from 'vitest'
import { standinFixtures, test, expect, type StandinFixtures } from 'standin/vitest'
import { ask } from './ask'

// What `TestAPI<StandinFixtures>` promises beyond the test body: hooks called on standin's `test` get the
// fixtures (aroundEach runs before every beforeEach; beforeAll reads worker fixtures from the test it is
// called on), fixtures of an extend() can use them, and `standinFixtures` compose with Vitest's own test.

let workerUrl: string | undefined
test.beforeAll(({ standinServer }) => {
  workerUrl = standinServer.url
})

test('beforeAll on the test gets the worker fixture', ({ standinServer }) => {
  expect(workerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(workerUrl).toBe(standinServer.url)
})

describe('aroundEach on the test', () => {
  let seenInAround: unknown
  test.aroundEach(async (runTest, { standin }) => {
    seenInAround = standin
    standin.on({ userMessage: 'token-around' }, { content: 'around' })
    await runTest()
  })
  test('sees the same handle as the test', async ({ standin }) => {
    expect(seenInAround).toBe(standin)
    expect(await ask('token-around')).toBe('around')
  })
})

// An auto fixture of an extend() made from standin's `test` can use `standin`: it seeds every test.
const seeded = test.extend<{ seed: string }>({
  seed: [
    async ({ standin }, use) => {
      standin.on({ userMessage: 'token-seeded' }, { content: 'seeded' })
      await use('token-seeded')
    },
    { auto: true },
  ],
})

seeded('an auto fixture of an extended test seeds the session', async ({ standin, seed }) => {
  expect(await ask(seed)).toBe('seeded')
  expect(standin).toHaveReceivedMessage(seed, { role: 'user' })
})

// Vitest's own test composed with the exported fixtures.
const composed = vitestTest.extend<StandinFixtures & { user: string }>({ ...standinFixtures, user: 'ada' })

composed('standinFixtures compose with a user fixture', async ({ standin, user }) => {
  standin.on({ userMessage: `token-${user}` }, { content: 'composed' })
  expect(await ask(`token-${user}`)).toBe('composed')
  expect(standin).toHaveRequestCount(1)
})
