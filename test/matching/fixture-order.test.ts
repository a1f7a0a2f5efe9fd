/**
 * Which fixture answers when several match: a session's own, then the mock's run-time fixtures (`on()`,
 * `add()`, the control API), then the loaded ones (files, config, `loadFixtures()`); first match wins within
 * each. So a fixture a test adds beats the file's, however the file was loaded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, FixtureError, type RunningServer, type Standin } from '../../src'

let dir: string
let mock: Standin
let server: RunningServer
let client: OpenAI

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'standin-order-'))
  writeFileSync(
    join(dir, 'chat.json'),
    JSON.stringify({
      fixtures: [
        { id: 'file-hello', match: { userMessage: 'hello' }, response: { content: 'from the file' } },
        { id: 'file-other', match: { userMessage: 'other' }, response: { content: 'file other' } },
      ],
    }),
  )
  mock = createStandin({ fixtures: join(dir, 'chat.json'), strict: false })
  server = await mock.listen({ port: 0 })
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0 })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => mock.reset())

async function ask(text: string, target: OpenAI = client): Promise<string | null> {
  const completion = await target.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: text }],
  })
  return completion.choices[0]!.message.content
}

describe('run-time fixtures come before loaded ones', () => {
  test('on() in a test beats the file fixture registered first', async () => {
    expect(await ask('hello')).toBe('from the file')
    mock.onMessage('hello', { content: 'from the test' })
    expect(await ask('hello')).toBe('from the test')
  })

  test('add() and the control API are run-time too', async () => {
    mock.add([{ match: { userMessage: 'hello' }, response: { content: 'added' } }])
    expect(await ask('hello')).toBe('added')
    mock.reset()
    const posted = await fetch(`${server.url}/__standin/fixtures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'control' } }],
      }),
    })
    expect(posted.status).toBe(200)
    expect(await ask('hello')).toBe('control')
  })

  test('fixtures loaded after a run-time one still come after it', async () => {
    const loaded = createStandin()
    loaded.onMessage('hello', { content: 'runtime' })
    writeFileSync(
      join(dir, 'late.json'),
      JSON.stringify({ fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'late file' } }] }),
    )
    loaded.loadFixtures(join(dir, 'late.json'))
    const running = await loaded.listen({ port: 0 })
    try {
      const other = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: 'k', maxRetries: 0 })
      expect(await ask('hello', other)).toBe('runtime')
    } finally {
      await running.close()
      rmSync(join(dir, 'late.json'))
    }
  })

  test("first match wins within each: the earlier run-time fixture, else the file's order", async () => {
    mock.onMessage('hel', { content: 'first run-time' })
    mock.onMessage('hello', { content: 'second run-time' })
    expect(await ask('hello')).toBe('first run-time')
    expect(await ask('other')).toBe('file other')
  })

  test("a session's own fixture beats the mock's run-time one, which beats the file", async () => {
    const session = mock.session('order')
    const inSession = new OpenAI({ baseURL: `${session.url}/v1`, apiKey: 'k', maxRetries: 0 })
    mock.onMessage('hello', { content: 'mock run-time' })
    expect(await ask('hello', inSession)).toBe('mock run-time')
    session.onMessage('hello', { content: 'session' })
    expect(await ask('hello', inSession)).toBe('session')
    expect(await ask('hello')).toBe('mock run-time')
  })
})

describe('the two stores behave as one list', () => {
  test('mock.fixtures lists run-time fixtures first, then loaded ones', () => {
    mock.onMessage('hello', { content: 'x' }, { id: 'mine' })
    expect(mock.fixtures.map((f) => f.id)).toEqual(['mine', 'file-hello', 'file-other'])
  })

  test('reset() clears run-time fixtures and keeps loaded ones', async () => {
    mock.onMessage('hello', { content: 'from the test' })
    mock.reset()
    expect(mock.fixtures.map((f) => f.id)).toEqual(['file-hello', 'file-other'])
    expect(await ask('hello')).toBe('from the file')
  })

  test('clearFixtures() clears both', () => {
    const local = createStandin({ fixtures: join(dir, 'chat.json') })
    local.onMessage('x', { content: 'x' })
    local.clearFixtures()
    expect(local.fixtures).toEqual([])
  })

  test('an id used by a loaded fixture cannot be reused at run time, nor the reverse', () => {
    expect(() => mock.onMessage('x', { content: 'x' }, { id: 'file-hello' })).toThrow(FixtureError)
    const local = createStandin()
    local.onMessage('x', { content: 'x' }, { id: 'file-other' })
    expect(() => local.loadFixtures(join(dir, 'chat.json'))).toThrow(/file-other/)
  })

  test('the health route counts both', async () => {
    mock.onMessage('x', { content: 'x' })
    const health = await (await fetch(`${server.url}/__standin/health`)).json()
    expect(health.fixtures).toBe(3)
  })
})
