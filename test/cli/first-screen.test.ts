import { join } from 'node:path'
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { startCli, tempFiles } from './cli-process'

const READY = /Press Ctrl\+C to stop/
const fixtures = {
  fixtures: [{ id: 'greeting', match: { userMessage: 'hello' }, response: { content: 'Hi from the CLI' } }],
}

const ask = (url: string, content: string) =>
  new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
  })

/** The startup output: from the listening line to "Press Ctrl+C to stop". */
async function firstScreen(args: string[]) {
  const served = await startCli(['serve', '--port', '0', ...args])
  await served.waitForStdout(READY)
  return { served, lines: served.stdout().trimEnd().split('\n') }
}

describe('standin serve prints a first screen a person can read', () => {
  test('the bundled examples fit in 25 lines of at most 120 columns, the route table behind --routes', async () => {
    const { served, lines } = await firstScreen([])
    // 21, so that `npm start`, which adds npm's three header lines and a "built" line, still fits 25.
    expect(lines.length).toBeLessThanOrEqual(21)
    expect(lines.filter((line) => line.length > 120)).toEqual([])
    expect(lines.join('\n')).toMatch(/Providers: openai, .*anthropic.* \(\d+ routes: --routes\)/)
    expect(lines.join('\n')).not.toContain('/v1/messages/count_tokens')
    expect(await served.stop('SIGINT')).toBe(0)
  })

  test('--routes lists every route, still none wider than 120 columns', async () => {
    const { lines } = await firstScreen(['--routes'])
    expect(lines.length).toBeGreaterThan(50)
    expect(lines).toContain('  anthropic.messages: POST **/v1/messages, POST /messages')
    expect(lines).toContain('    POST /v1beta1/publishers/google/models/{model}:streamGenerateContent')
    expect(lines.filter((line) => line.length > 120)).toEqual([])
  })

  test('many fixture files are summarised, not listed one per line', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `f${i}.json`,
        { fixtures: [{ match: { userMessage: `m${i}` }, response: { content: 'x' } }] },
      ]),
    )
    const dir = tempFiles(files)
    const { lines } = await firstScreen(['--fixtures', dir])
    expect(lines.length).toBeLessThanOrEqual(25)
    expect(lines).toContain('  ... and 7 more files (standin validate PATH lists them)')
  })
})

describe('standin serve --log', () => {
  test('prints one line per request: method, path, session, surface, fixture or miss, status, ms', async () => {
    const dir = tempFiles({ 'hello.json': fixtures })
    // --no-strict: a miss is a 404 whatever CI says (CI=true makes strict the default: 503).
    const { served } = await firstScreen(['--log', '--no-strict', '--fixtures', join(dir, 'hello.json')])
    await ask(served.url, 'hello')
    await expect(ask(served.url, 'nothing matches this')).rejects.toThrow()
    const logged = await served.waitForStdout(/^POST .* miss 404 \d+ms$/m)
    expect(served.stdout()).toMatch(
      /^POST \/v1\/chat\/completions session=default openai\.chat fixture=greeting 200 \d+ms$/m,
    )
    expect(logged).toMatch(/^POST \/v1\/chat\/completions session=default openai\.chat miss 404 \d+ms$/)
  })

  test('without --log, requests print nothing', async () => {
    const { served } = await firstScreen([])
    await ask(served.url, 'hello')
    const before = served.stdout()
    expect(await served.stop()).toBe(0)
    expect(before).not.toMatch(/^POST /m)
  })
})

describe('stopping', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('%s prints "standin stopped" and exits 0', async (signal) => {
    const { served } = await firstScreen([])
    expect(await served.stop(signal)).toBe(0)
    expect(served.stdout().trimEnd().split('\n').at(-1)).toBe('standin stopped')
  })
})
