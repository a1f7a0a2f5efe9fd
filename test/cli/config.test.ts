import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { ConfigError } from '../../src'
import { configJsonSchema, isConfigDocument, resolveConfig } from '../../src/config/config-file'
import { ROOT, runCli, startCli, tempFiles } from './cli-process'

const ask = (url: string, content: string) =>
  new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
  })

const check = (json: unknown, dir = ROOT) => resolveConfig(json, { file: 'aimock.json', dir, cwd: ROOT })

describe('standin serve --config', () => {
  test('serves the example config, its mcp section included', async () => {
    // The example asks for port 4010; the flag wins.
    const served = await startCli(['serve', '--config', 'examples/aimock.json', '--port', '0'], { cwd: ROOT })
    await served.waitForStdout(/Press Ctrl\+C to stop/)
    expect(served.stdout()).toContain('Config: examples/aimock.json')
    expect(served.stdout()).toMatch(/\/mcp\s+MCP, Streamable HTTP \(1 tool, 0 resources, 0 prompts\)/)
    expect(served.stdout()).not.toContain('not yet served')
    expect(new URL(served.url).port).not.toBe('4010')
    expect((await ask(served.url, 'hello')).choices[0]!.message.content).toMatch(/^Hello!/)
  })

  test('paths are relative to the config file, and flags override config values', async () => {
    const dir = tempFiles({
      'one.json': { fixtures: [{ match: { userMessage: 'ping' }, response: { content: 'pong' } }] },
      'aimock.json': { llm: { fixtures: './one.json' }, strict: true },
    })
    const served = await startCli(['serve', '-c', join(dir, 'aimock.json'), '--no-strict'], { cwd: tmpdir() })
    expect((await ask(served.url, 'ping')).choices[0]!.message.content).toBe('pong')
    await expect(ask(served.url, 'nothing')).rejects.toMatchObject({ status: 404 })
  })

  test('an invalid config fails with exit 1, naming the file, JSON path and expectation', async () => {
    const dir = tempFiles({ 'bad.json': { llm: { fixtures: './x', latency: 'fast' }, mpc: {}, port: 'x' } })
    const result = await runCli(['serve', '--config', 'bad.json'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('3 problems in config:')
    expect(result.stderr).toContain('bad.json at llm.latency: expected number, received string')
    expect(result.stderr).toContain('bad.json at mpc: unknown field "mpc" (known: llm, mcp,')
    expect(result.stderr).toContain('bad.json at port: expected number')
  })

  test('llm.logLevel "silent" prints only the listening line', async () => {
    const dir = tempFiles({ 'aimock.json': { llm: { logLevel: 'silent' }, mcp: {} } })
    const served = await startCli(['serve', '-c', join(dir, 'aimock.json')])
    expect(await served.stop()).toBe(0)
    expect(served.stdout()).toBe(`standin listening on ${served.url}\n`)
  })

  test('a missing config file is an error, not an empty config', async () => {
    const result = await runCli(['serve', '-c', 'nope.json'], { cwd: tmpdir() })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nope.json: no such config file')
  })
})

describe('config schema', () => {
  test("accepts the seed article's config, reporting every section it does not serve yet", () => {
    // The seed's MCP tools live in a file; the section is served, so that file is read.
    const dir = tempFiles({ 'tools.json': [{ name: 'search', result: 'found' }] })
    mkdirSync(join(dir, 'fixtures', 'mcp'), { recursive: true })
    renameSync(join(dir, 'tools.json'), join(dir, 'fixtures', 'mcp', 'tools.json'))
    mkdirSync(join(dir, 'fixtures', 'a2a'))
    writeFileSync(join(dir, 'fixtures', 'a2a', 'agents.json'), JSON.stringify([{ name: 'translator' }]))
    const config = check(
      {
        llm: { fixtures: './fixtures', providers: ['openai', 'claude', 'gemini'] },
        mcp: { tools: './fixtures/mcp/tools.json' },
        a2a: { agents: './fixtures/a2a/agents.json' },
        vector: { path: '/vector', collections: [] },
        services: { search: true, rerank: true, moderate: true },
      },
      dir,
    )
    expect(config.notices.map((n) => n.path)).toEqual(['llm.providers'])
    expect(config.fixtures).toEqual([join(dir, 'fixtures')])
    expect(config.mcp?.options.tools).toEqual([{ name: 'search', result: 'found' }])
    expect(config.a2a).toEqual({ path: '/a2a', options: { agents: [{ name: 'translator' }] } })
  })

  test("accepts the peer's full-suite config with every section", () => {
    const peer = join(ROOT, 'node_modules/@copilotkit/aimock/fixtures/examples/full-suite.json')
    const config = check(JSON.parse(readFileSync(peer, 'utf8')))
    expect(config.notices.filter((n) => n.kind === 'not-served').map((n) => n.path)).toEqual([])
    expect(config.vector?.collections.map((c) => c.name)).toEqual(['knowledge-base'])
    expect(config.config).toMatchObject({ port: 4000, strict: true })
  })

  test('record is served (no notice) and its provider URLs are checked; auth is enforced, so it is no notice', () => {
    const config = check({ auth: { apiKeys: ['k'] }, record: {}, llm: { record: { providers: {} } } })
    expect(config.config.auth).toEqual({ apiKeys: ['k'] })
    expect(config.notices).toEqual([])
    expect(() => check({ record: { providers: { openai: 'api.openai.com' } } })).toThrow(
      /record\.providers\.openai: expected an http\(s\) URL/,
    )
  })

  test('the auth section is checked strictly: a misspelt or empty key is an error, not an open server', () => {
    expect(() => check({ auth: { apiKey: ['k'] } })).toThrow(
      /auth\.apiKey: unknown field "apiKey" \(known in auth: apiKeys, controlToken\)/,
    )
    expect(() => check({ auth: { apiKeys: [] } })).toThrow(/auth\.apiKeys: expected at least one key/)
    expect(() => check({ auth: { apiKeys: ['  '] } })).toThrow(/auth\.apiKeys\[0\]: expected a non-empty key/)
  })

  test('a path the peer resolves against the working folder still loads, with a note', () => {
    const config = check({ llm: { fixtures: 'fixtures/chat.json' } }, join(ROOT, 'examples'))
    expect(config.fixtures).toEqual([join(ROOT, 'fixtures/chat.json')])
    expect(config.notices).toMatchObject([{ path: 'llm.fixtures', kind: 'note' }])
  })

  test('throws a ConfigError listing every problem', () => {
    expect(() => check({ llm: { chunkSize: 0, logLevel: 'loud' }, vector: { path: 'vector' } })).toThrow(
      ConfigError,
    )
    try {
      check({ llm: { chunkSize: 0, logLevel: 'loud' }, vector: { path: 'vector' } })
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
        'llm.chunkSize',
        'llm.logLevel',
        'vector.path',
      ])
    }
  })

  test('publishes a JSON Schema with every section', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['llm', 'mcp', 'a2a', 'agui', 'vector', 'auth']),
    )
  })

  test('tells configs from fixture files by their keys', () => {
    expect(isConfigDocument({ llm: {} })).toBe(true)
    expect(isConfigDocument({ port: 1 })).toBe(true)
    expect(isConfigDocument({ fixtures: [] })).toBe(false)
    expect(isConfigDocument([])).toBe(false)
  })
})
