/**
 * `standin serve --rate-limit-*` and the config's `llm.rateLimits`, down to what the mock is created with,
 * and one served 429 from a config file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { createStandin } from '../../src'
import { parseCommandLine, type ServeFlags } from '../../src/cli/args'
import { resolveServeSettings } from '../../src/cli/serve'

const serveFlags = (argv: string[]): ServeFlags => {
  const invocation = parseCommandLine(['serve', ...argv])
  if (invocation.command !== 'serve') throw new Error(`expected serve, got ${invocation.command}`)
  return invocation.flags
}

function configFile(rateLimits: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-rl-'))
  const file = join(dir, 'aimock.json')
  writeFileSync(file, JSON.stringify({ llm: { rateLimits } }))
  return file
}

test('the flags become the rateLimits option', () => {
  const flags = serveFlags([
    '--rate-limit-requests',
    '3',
    '--rate-limit-tokens',
    '500',
    '--rate-limit-window',
    '1000',
    '--rate-limit-scope',
    'global',
    '--no-rate-limit-headers',
  ])
  expect(flags.rateLimits).toEqual({
    requestsPerWindow: 3,
    tokensPerWindow: 500,
    windowMs: 1000,
    scope: 'global',
    headers: false,
  })
  expect(serveFlags([]).rateLimits).toBeUndefined()
})

test.each([
  [['--rate-limit-requests', '0'], '--rate-limit-requests'],
  [['--rate-limit-window', 'soon'], '--rate-limit-window'],
  [['--rate-limit-scope', 'org'], '--rate-limit-scope expects session or global'],
])('%j is a usage error', (argv, message) => {
  expect(() => serveFlags(argv)).toThrow(message)
})

test('flags override the config file field by field', () => {
  const config = configFile({ requestsPerWindow: 5, windowMs: 2000 })
  const settings = resolveServeSettings(serveFlags(['--config', config, '--rate-limit-requests', '2']), {})
  expect(settings.rateLimits).toEqual({ requestsPerWindow: 2, windowMs: 2000 })
})

test('a config file with llm.rateLimits answers 429 past the quota; a bad field names its path', async () => {
  const mock = createStandin({ config: configFile({ requestsPerWindow: 1 }), strict: false })
  mock.onMessage('hi', { content: 'Hello.' })
  const server = await mock.listen({ port: 0 })
  try {
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0 })
    const ask = () =>
      openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    await ask()
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.RateLimitError)
  } finally {
    await server.close()
  }
  expect(() => createStandin({ config: configFile({ windowMs: -1 }) })).toThrow(/rateLimits/)
})
