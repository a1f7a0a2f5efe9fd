/**
 * The mock's methods live on a shared prototype, bound to the mock when read: taken off the mock
 * (`afterAll(mock.stop)`, `const { on, start } = mock`) they still act on it, each mock on its own.
 */
import OpenAI from 'openai'
import { afterAll, expect, test, vi } from 'vitest'
import { createStandin, type Standin } from '../../src'

function client(url: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
}

async function ask(url: string, content: string): Promise<string | null | undefined> {
  const completion = await client(url).chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content }],
  })
  return completion.choices[0]?.message.content
}

// Detached as a runner hook, before the mock ever listened: the hook still stops this mock's server.
const hooked = createStandin()
afterAll(hooked.stop)

test('detached start, on, reset and stop act on their own mock', async () => {
  const mock = createStandin({ strict: false }) // a miss is a 404 (strict, the default under CI=true, makes it a 503)
  const { start, on, onMessage, reset, stop } = mock
  const url = await start()
  expect(url).toBe(mock.url)
  // Chainable: a detached on() still returns the mock.
  expect(on({ userMessage: 'hello' }, { content: 'Hi from on' })).toBe(mock)
  onMessage('weather', { content: 'Sunny' })
  expect(await ask(url, 'hello')).toBe('Hi from on')
  expect(await ask(url, 'weather today')).toBe('Sunny')
  expect(mock.journal.entries).toHaveLength(2)

  reset()
  expect(mock.fixtures).toHaveLength(0)
  expect(mock.journal.entries).toHaveLength(0)
  await expect(ask(url, 'hello')).rejects.toMatchObject({ status: 404 })

  await stop()
  expect(() => mock.url).toThrow(/not listening/)
})

test('a method read twice is the same function, and one mock never acts on another', async () => {
  const a = createStandin()
  const b = createStandin()
  expect(a.on).toBe(a.on)
  expect(a.on).not.toBe(b.on)
  const onA = a.on
  const onB = b.on
  onA({ userMessage: 'who' }, { content: 'a' })
  onB({ userMessage: 'who' }, { content: 'b' })
  const [urlA, urlB] = await Promise.all([a.start(), b.start()])
  expect(await ask(urlA, 'who')).toBe('a')
  expect(await ask(urlB, 'who')).toBe('b')
  const stops = [a.stop, b.stop]
  await Promise.all(stops.map((stop) => stop()))
  expect(() => a.url).toThrow(/not listening/)
  expect(() => b.url).toThrow(/not listening/)
})

test('detached close() of a session and listen() of its mock', async () => {
  const mock: Standin = createStandin({ strict: false })
  const { listen, session, stop } = mock
  const server = await listen()
  const alice = session('alice')
  const { close } = alice
  alice.on({ userMessage: 'name' }, { content: 'alice' })
  expect(await ask(alice.url, 'name')).toBe('alice')
  close()
  await expect(ask(alice.url, 'name')).rejects.toMatchObject({ status: 404 })
  expect(server.url).toBe(mock.url)
  await stop()
})

test("two sessions' detached on(), onMessage() and reset() act on their own session only", async () => {
  const mock = createStandin()
  await mock.start()
  const alice = mock.session('alice')
  const bob = mock.session('bob')
  const { on: onAlice, reset: resetAlice } = alice
  const { onMessage: onBob } = bob
  expect(onAlice({ userMessage: 'name' }, { content: 'alice' })).toBe(alice)
  expect(onBob('name', { content: 'bob' })).toBe(bob)
  expect(await ask(alice.url, 'name')).toBe('alice')
  expect(await ask(bob.url, 'name')).toBe('bob')
  expect(alice.journal.entries).toHaveLength(1)
  resetAlice()
  expect(alice.fixtures).toHaveLength(0)
  expect(alice.journal.entries).toHaveLength(0)
  expect(bob.fixtures).toHaveLength(1)
  expect(bob.journal.entries).toHaveLength(1)
  await mock.stop()
})

test('a method assigned on a mock (a stub) replaces it on that mock only', async () => {
  const mock = createStandin()
  const other = createStandin()
  let stopped = 0
  mock.stop = async () => {
    stopped++
  }
  await mock.stop()
  expect(stopped).toBe(1)
  await other.start()
  await other.stop()
  expect(stopped).toBe(1)
  expect(() => other.url).toThrow(/not listening/)
})

test('the hooked mock listens until its detached afterAll(stop)', async () => {
  const url = await hooked.start()
  hooked.on({ userMessage: 'ping' }, { content: 'pong' })
  expect(await ask(url, 'ping')).toBe('pong')
})

test("vi.spyOn on a mock's or a session's method spies on that object only, and mockRestore() restores it", async () => {
  const mock = createStandin()
  const other = createStandin()
  const reset = vi.spyOn(mock, 'reset')
  const on = vi.spyOn(mock, 'on')
  mock.on({ userMessage: 'x' }, { content: 'y' })
  expect(on).toHaveBeenCalledTimes(1)
  expect(mock.fixtures).toHaveLength(1)
  mock.reset()
  expect(reset).toHaveBeenCalledTimes(1)
  expect(mock.fixtures).toHaveLength(0)
  other.reset()
  expect(reset).toHaveBeenCalledTimes(1)
  reset.mockRestore()
  expect(vi.isMockFunction(mock.reset)).toBe(false)
  const { reset: detached } = mock
  mock.on({ userMessage: 'x' }, { content: 'y' })
  detached()
  expect(mock.fixtures).toHaveLength(0)

  const session = mock.session('spied')
  const close = vi.spyOn(session, 'close')
  session.on({ userMessage: 'q' }, { content: 'a' })
  session.close()
  expect(close).toHaveBeenCalledTimes(1)
  expect(session.fixtures).toHaveLength(0)
})

test('listen, start and stop read twice are the same function per mock, and spied then restored still act on it', async () => {
  const a = createStandin()
  const b = createStandin()
  expect(a.listen).toBe(a.listen)
  expect(a.start).toBe(a.start)
  expect(a.stop).toBe(a.stop)
  expect(a.stop).not.toBe(b.stop)
  const { stop } = a
  expect(stop).toBe(a.stop)
  const listen = vi.spyOn(a, 'listen')
  const spiedStop = vi.spyOn(a, 'stop')
  const { url } = await a.listen()
  expect(listen).toHaveBeenCalledTimes(1)
  await b.listen()
  await b.stop()
  expect(spiedStop).not.toHaveBeenCalled()
  expect(a.url).toBe(url)
  await a.stop()
  expect(spiedStop).toHaveBeenCalledTimes(1)
  expect(() => a.url).toThrow(/not listening/)
  listen.mockRestore()
  spiedStop.mockRestore()
  expect(vi.isMockFunction(a.stop)).toBe(false)
  await a.listen()
  // The copy read before the spy still stops its mock.
  await stop()
  expect(() => a.url).toThrow(/not listening/)
})
