import { aroundEach, beforeEach, describe, test as vitestTest } from 'vitest'
import { standinFixtures, test, expect, type StandinFixtures } from 'standin/vitest'
import { ask } from './ask'

// `standin` and `standinServer` come as context values (no fixture) in a test from standin/vitest, and
// as fixtures in any test.extend() of it, or of Vitest's own test with `standinFixtures`.

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

seeded('an auto fixture of an extended test seeds the session', async ({ standin, standinServer, seed }) => {
  expect(await ask(seed)).toBe('seeded')
  expect(standin).toHaveReceivedMessage(seed, { role: 'user' })
  expect(standin.workerUrl).toBe(standinServer.url)
})

// Vitest's own test composed with the exported fixtures, as the docs show.
const composed = vitestTest.extend<StandinFixtures & { user: string }>({ ...standinFixtures, user: 'ada' })

composed('standinFixtures compose with a user fixture', async ({ standin, user }) => {
  standin.on({ userMessage: `token-${user}` }, { content: 'composed' })
  expect(await ask(`token-${user}`)).toBe('composed')
  expect(standin).toHaveRequestCount(1)
})

// A user hook after standin's sees the test's own session, and the handle is made once per test.
let fromHook: unknown
beforeEach(({ task }) => {
  fromHook = (task.context as unknown as { standin: unknown }).standin
})
let aroundRan = false
aroundEach(async (runTest) => {
  aroundRan = true
  await runTest()
})

test('hooks see the same handle as the test', async ({ standin }) => {
  expect(fromHook).toBe(standin)
  expect(aroundRan).toBe(true)
  standin.on({ userMessage: 'token-hooked' }, { content: 'hooked' })
  expect(await ask('token-hooked')).toBe('hooked')
})

// A test from Vitest's own `test` gets them too (untyped there): the plugin gives every test a session.
vitestTest('a plain vitest test reads standin from its context', async (context) => {
  const { standin } = context as unknown as { standin: StandinFixtures['standin'] }
  standin.on({ userMessage: 'token-plain' }, { content: 'plain' })
  expect(await ask('token-plain')).toBe('plain')
  expect(standin).toHaveRequestCount(1)
})

// An aroundEach hook runs before standin's beforeEach: a test from an extend() gives it the fixture.
const wrapped = test.extend<{ marker: string }>({ marker: 'token-around' })
describe('aroundEach with an extended test', () => {
  let seenInAround: unknown
  wrapped.aroundEach(async (runTest, { standin }) => {
    seenInAround = standin
    standin.on({ userMessage: 'token-around' }, { content: 'around' })
    await runTest()
  })
  wrapped('sees the fixture in aroundEach', async ({ standin, marker }) => {
    expect(seenInAround).toBe(standin)
    expect(await ask(marker)).toBe('around')
  })
})
