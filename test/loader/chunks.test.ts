/**
 * The engine's lazily loaded chunks (scripts/build/chunks.ts) on the built package, in fresh Node
 * processes: a process that never uses a vector database or a protocol mock does not load their chunk; the
 * first use loads it once (with its own code-cache file), and the chunk shares the core's module instances
 * (errors are the core's classes). No source module is bundled twice. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bundledSources } from '../../scripts/build/chunks'
import { ROOT } from '../cli/cli-process'

const DIST = join(ROOT, 'dist', 'internal')
let work: string

beforeAll(() => {
  expect(existsSync(join(DIST, 'chunk-vector.js')), `${DIST}: run \`npm run build\` first`).toBe(true)
  work = mkdtempSync(join(tmpdir(), 'standin-chunks-test-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Run {
  stdout: string
  stderr: string
  /** The loader's debug lines: `<status> <bundle>` (`hit engine`, `miss chunk-vector`). */
  loads: string[]
}

function node(code: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, ['-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STANDIN_COMPILE_CACHE_DEBUG: '1', STANDIN_COMPILE_CACHE: '', ...env },
  })
  const loads = [
    ...result.stderr.matchAll(/^standin compile cache: (\S+) .*\/([\w-]+?)-v\d[^/]*\.bin$/gm),
  ].map((m) => `${m[1]} ${m[2]}`)
  const plain = [...result.stderr.matchAll(/^standin compile cache: (disabled|other-realm)/gm)].map(
    (m) => m[1]!,
  )
  expect(result.status, result.stderr).toBe(0)
  return { stdout: result.stdout, stderr: result.stderr, loads: [...loads, ...plain] }
}

/** The chunk files in `require.cache`, printed at the end of a script. */
const CHUNKS_LOADED = `Object.keys(require.cache).filter((k) => /chunk-[\\w-]+\\.js$/.test(k)).map((k) => k.split('/').pop())`

test('a mock that serves an LLM request and reads its journal loads no chunk', () => {
  const code = `const { createStandin } = require('standin')
    const mock = createStandin().on({ userMessage: 'hello' }, { content: 'Hi there' })
    mock.start().then(async () => {
      const response = await fetch(mock.url + '/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
      })
      const body = await response.json()
      await mock.stop()
      process.stdout.write(JSON.stringify([body.choices[0].message.content, mock.journal.size, mock.journal.last().response.status, ${CHUNKS_LOADED}]))
    })`
  const run = node(code, { STANDIN_COMPILE_CACHE_DIR: join(work, 'llm') })
  expect(JSON.parse(run.stdout)).toEqual(['Hi there', 1, 200, []])
  // The engine's cache is written again once the server has closed (src/loader/compile-cache.ts).
  expect(run.loads).toEqual(['miss engine', 'warm engine'])
  // ESM: the re-export of every engine name loads no chunk either.
  const esm = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as s from 'standin'; import * as mcp from 'standin/mcp'; import { createRequire } from 'node:module'
       const require = createRequire(import.meta.url)
       process.stdout.write(JSON.stringify([typeof s.createStandin, typeof mcp.createMcpServer, ${CHUNKS_LOADED}]))`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  )
  expect(JSON.parse(esm.stdout), esm.stderr).toEqual(['function', 'function', []])
})

const VECTOR = `const { createStandin, StandinError } = require('standin')
  const mock = createStandin()
  const put = (path, body) => fetch(mock.url + path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  mock.start().then(async () => {
    const before = ${CHUNKS_LOADED}
    const created = await put('/collections/docs', { vectors: { size: 2, distance: 'Cosine' } })
    const upserted = await put('/collections/docs/points?wait=true', { points: [{ id: 1, vector: [1, 0] }] })
    let error
    try { mock.addCollection('bad', { dimension: 0, metric: 'cosine' }) } catch (e) { error = e }
    await mock.stop()
    process.stdout.write(JSON.stringify([before, created.status, upserted.status, error instanceof StandinError, ${CHUNKS_LOADED}]))
  })`

test('the first vector request loads the vector chunk once, with its own cache file; its errors are the core classes', () => {
  const dir = join(work, 'vector')
  const first = node(VECTOR, { STANDIN_COMPILE_CACHE_DIR: dir })
  expect(JSON.parse(first.stdout)).toEqual([[], 200, 200, true, ['chunk-vector.js']])
  expect(first.loads).toEqual(['miss engine', 'miss chunk-vector', 'warm engine', 'warm chunk-vector'])
  expect(
    readdirSync(dir)
      .map((f) => f.replace(/-v\d.*$/, ''))
      .sort(),
  ).toEqual(['chunk-vector', 'engine'])
  const second = node(VECTOR, { STANDIN_COMPILE_CACHE_DIR: dir })
  expect(second.loads).toEqual(['hit engine', 'hit chunk-vector'])
  // Without the cache the chunk is required the plain way, and shares the engine all the same.
  const off = node(VECTOR, { STANDIN_COMPILE_CACHE: '0' })
  expect(JSON.parse(off.stdout)).toEqual([[], 200, 200, true, ['chunk-vector.js']])
  expect(off.loads).toEqual(['disabled', 'disabled'])
})

test('a protocol mock loads the protocols chunk when first created, from ESM and CJS alike', () => {
  const code = `Promise.all([import('standin/mcp'), import('standin/a2a')]).then(async ([esm, a2a]) => {
    const { createMcpServer } = require('standin/mcp')
    const { createStandin } = require('standin')
    const before = ${CHUNKS_LOADED}
    const mock = createStandin().mount('/mcp', esm.createMcpServer().onToolCall('lookup', () => 'found'))
    mock.mount('/a2a', a2a.createA2aServer()).mount('/mcp2', createMcpServer())
    await mock.start()
    const response = await fetch(mock.url + '/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0', id: 1, method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
      }),
    })
    const text = await response.text()
    await mock.stop()
    process.stdout.write(JSON.stringify([before, response.status, text.includes('"tools"'), ${CHUNKS_LOADED}]))
  })`
  const run = node(code, { STANDIN_COMPILE_CACHE_DIR: join(work, 'protocols') })
  expect(JSON.parse(run.stdout), run.stderr).toEqual([[], 200, true, ['chunk-protocols.js']])
  expect(run.loads).toEqual(['miss engine', 'miss chunk-protocols', 'warm engine', 'warm chunk-protocols'])
})

const ANTHROPIC = `const { createStandin } = require('standin')
  const mock = createStandin().on({ userMessage: 'hello' }, { content: 'Hi there' })
  const post = (path, body) => fetch(mock.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'x', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  })
  mock.start().then(async () => {
    const models = await fetch(mock.url + '/v1/models', { headers: { authorization: 'Bearer x' } })
    const openaiModels = (await models.json()).object
    const before = ${CHUNKS_LOADED}
    const ok = await post('/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] })
    const body = await ok.json()
    const bad = await post('/v1/messages', { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hello' }] })
    const error = await bad.json()
    await mock.stop()
    process.stdout.write(JSON.stringify([openaiModels, before, body.content[0].text, bad.status, error.type, mock.journal.last().surface, ${CHUNKS_LOADED}]))
  })`

test('the first request to a surface other than OpenAI chat loads the providers chunk once', () => {
  const dir = join(work, 'providers')
  const first = node(ANTHROPIC, { STANDIN_COMPILE_CACHE_DIR: dir })
  // OpenAI's chat completions and model list stay in the core: the chunk loads with the first Anthropic call.
  const expected = ['list', [], 'Hi there', 400, 'error', 'anthropic.messages', ['chunk-providers.js']]
  expect(JSON.parse(first.stdout), first.stderr).toEqual(expected)
  expect(first.loads).toEqual(['miss engine', 'miss chunk-providers', 'warm engine', 'warm chunk-providers'])
  const second = node(ANTHROPIC, { STANDIN_COMPILE_CACHE_DIR: dir })
  expect(JSON.parse(second.stdout)).toEqual(expected)
  expect(second.loads).toEqual(['hit engine', 'hit chunk-providers'])
})

test('a WebSocket upgrade loads the websocket and providers chunks, the journal page its own', () => {
  const code = `const { createStandin } = require('standin')
    const WebSocket = require('ws')
    const mock = createStandin()
    mock.start().then(async () => {
      const before = ${CHUNKS_LOADED}
      const ws = new WebSocket(mock.url.replace('http', 'ws') + '/v1/realtime?model=gpt-realtime')
      const first = await new Promise((resolve, reject) => { ws.once('message', (d) => resolve(JSON.parse(String(d)).type)); ws.once('error', reject) })
      ws.close()
      const afterSocket = ${CHUNKS_LOADED}.sort()
      const page = await fetch(mock.url + '/__standin/')
      const html = await page.text()
      await mock.stop()
      process.stdout.write(JSON.stringify([before, first, afterSocket, page.status, html.includes('<html'), ${CHUNKS_LOADED}.sort()]))
    })`
  const run = node(code, { STANDIN_COMPILE_CACHE_DIR: join(work, 'socket') })
  expect(JSON.parse(run.stdout), run.stderr).toEqual([
    [],
    'session.created',
    ['chunk-providers.js', 'chunk-websocket.js'],
    200,
    true,
    ['chunk-journal-page.js', 'chunk-providers.js', 'chunk-websocket.js'],
  ])
  expect(run.loads).toEqual([
    'miss engine',
    'miss chunk-websocket',
    'miss chunk-providers',
    'miss chunk-journal-page',
    'warm engine',
    'warm chunk-websocket',
    'warm chunk-providers',
    'warm chunk-journal-page',
  ])
})

test('no source module is bundled in two files, and a chunk holds no import()', () => {
  const files = readdirSync(DIST).filter((f) => f === 'engine.js' || /^chunk-[\w-]+\.js$/.test(f))
  expect(files.sort()).toEqual([
    'chunk-journal-page.js',
    'chunk-protocols.js',
    'chunk-providers.js',
    'chunk-vector.js',
    'chunk-websocket.js',
    'engine.js',
  ])
  const owners = new Map<string, string[]>()
  for (const file of files) {
    const code = readFileSync(join(DIST, file), 'utf8')
    expect(code).not.toMatch(/(?<![\w$.])import\(/)
    for (const source of bundledSources(code)) owners.set(source, [...(owners.get(source) ?? []), file])
  }
  expect([...owners].filter(([, where]) => where.length > 1)).toEqual([])
  expect(owners.get('src/vector/store.ts')).toEqual(['chunk-vector.js'])
  expect(owners.get('src/protocols/mcp/mcp-server.ts')).toEqual(['chunk-protocols.js'])
  expect(owners.get('src/standin.ts')).toEqual(['engine.js'])
  expect(owners.get('src/providers/anthropic/messages.ts')).toEqual(['chunk-providers.js'])
  expect(owners.get('src/providers/openai/realtime/realtime.ts')).toEqual(['chunk-providers.js'])
  expect(owners.get('src/providers/openai/chat.ts')).toEqual(['engine.js'])
  expect(owners.get('src/providers/manifest.ts')).toEqual(['engine.js'])
})
