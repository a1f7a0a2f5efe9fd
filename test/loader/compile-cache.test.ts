/**
 * The engine's V8 code-cache loader (src/loader/compile-cache.ts) on the built package, each check in fresh
 * Node processes (a code cache only shows across processes): the cache is written, then used; a corrupt
 * one is rejected and rewritten; STANDIN_COMPILE_CACHE=0 and an unwritable folder still import; a sandbox
 * realm gets a plain require; the engine holds no `import()`; ESM and CJS share one engine.
 * STANDIN_COMPILE_CACHE_DEBUG=1 makes the loader print its status on stderr. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process'
import { isAscii } from 'node:buffer'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROOT } from '../cli/cli-process'

const LOADER = join(ROOT, 'dist', 'internal', 'compile-cache.js')
const ENGINE = join(ROOT, 'dist', 'internal', 'engine.js')
let work: string

beforeAll(() => {
  expect(existsSync(LOADER), `${LOADER}: run \`npm run build\` first`).toBe(true)
  work = mkdtempSync(join(tmpdir(), 'standin-cc-test-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Run {
  status: number | null
  stdout: string
  /** The loader's debug lines: `standin compile cache: <status> [path]`. */
  statuses: string[]
  stderr: string
}

function node(code: string, env: Record<string, string> = {}, args: string[] = ['-e']): Run {
  const result = spawnSync(process.execPath, [...args, code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STANDIN_COMPILE_CACHE_DEBUG: '1', STANDIN_COMPILE_CACHE: '', ...env },
  })
  const statuses = [...result.stderr.matchAll(/^standin compile cache: (\S+)/gm)].map((m) => m[1]!)
  return { status: result.status, stdout: result.stdout, statuses, stderr: result.stderr }
}

const IMPORT_ESM = `import('standin').then((m) => process.stdout.write(typeof m.createStandin))`
const REQUIRE_CJS = `process.stdout.write(typeof require('standin').createStandin)`

test('the first process writes the cache, the next ones compile from it (ESM and CJS alike)', () => {
  const dir = join(work, 'fresh')
  const first = node(IMPORT_ESM, { STANDIN_COMPILE_CACHE_DIR: dir })
  expect(first).toMatchObject({ status: 0, stdout: 'function', statuses: ['miss'] })
  const files = readdirSync(dir)
  expect(files).toHaveLength(1)
  expect(files[0]).toMatch(new RegExp(`^engine-${process.version}-${process.arch}-[0-9a-f]{8}\\.bin$`))
  expect(node(IMPORT_ESM, { STANDIN_COMPILE_CACHE_DIR: dir })).toMatchObject({
    stdout: 'function',
    statuses: ['hit'],
  })
  expect(node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: dir })).toMatchObject({
    stdout: 'function',
    statuses: ['hit'],
  })
  expect(readdirSync(dir), 'no temporary file left behind').toEqual(files)
})

test('a corrupt cache is rejected by V8, the import still works, and the cache is rewritten', () => {
  const dir = join(work, 'corrupt')
  expect(node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: dir }).statuses).toEqual(['miss'])
  const [file] = readdirSync(dir)
  writeFileSync(join(dir, file!), Buffer.alloc(4096, 7))
  expect(node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: dir })).toMatchObject({
    status: 0,
    stdout: 'function',
    statuses: ['rejected'],
  })
  expect(node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: dir }).statuses).toEqual(['hit'])
})

test('STANDIN_COMPILE_CACHE=0 compiles the plain way and writes nothing', () => {
  const dir = join(work, 'off')
  const run = node(IMPORT_ESM, { STANDIN_COMPILE_CACHE_DIR: dir, STANDIN_COMPILE_CACHE: '0' })
  expect(run).toMatchObject({ status: 0, stdout: 'function', statuses: ['disabled'] })
  expect(existsSync(dir)).toBe(false)
})

test('a cache folder that cannot be created or is writable by others does not fail the import', () => {
  // A path under a regular file: mkdir fails (ENOTDIR) even for root, who ignores permission bits.
  const blocker = join(work, 'a-file')
  writeFileSync(blocker, '')
  for (let i = 0; i < 2; i++)
    expect(node(IMPORT_ESM, { STANDIN_COMPILE_CACHE_DIR: join(blocker, 'cache') })).toMatchObject({
      status: 0,
      stdout: 'function',
      statuses: ['miss'],
    })
  // A world-writable folder (another user could plant a cache there) is neither read nor written.
  const open = join(work, 'world-writable')
  node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: open })
  chmodSync(open, 0o777)
  const run = node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: open })
  expect(run).toMatchObject({ status: 0, stdout: 'function', statuses: ['miss'] })
})

test('ESM and CJS get one engine instance, and a later require of the bundle gets it too', () => {
  const run = node(
    `Promise.all([import('standin/internal'), import('standin')]).then(([esm, root]) => {
      const cjs = require('standin/internal')
      const direct = require(${JSON.stringify(ENGINE)})
      process.stdout.write(JSON.stringify([esm.createStandin === cjs.createStandin, root.StandinError === cjs.StandinError, direct === cjs]))
    })`,
    { STANDIN_COMPILE_CACHE_DIR: join(work, 'shared') },
  )
  expect(run.stdout, run.stderr).toBe('[true,true,true]')
  expect(run.statuses).toEqual(['miss'])
})

test('the engine holds no import() (a cached script has no loader for it) and loads late modules by require', () => {
  // The build refuses one (scripts/build/engine-entry.ts); the modules loaded late come through require.
  expect(readFileSync(ENGINE, 'utf8')).not.toMatch(/(?<![\w$.])import\(/)
  // A listening mock loads node:http, node:net and node:crypto on first use.
  const code = `const { createStandin } = require('standin/internal')
    createStandin().listen().then(async (server) => {
      const response = await fetch(server.url + '/v1/models', { headers: { authorization: 'Bearer x' } })
      await server.close()
      process.stdout.write(String(response.status))
    })`
  const dir = join(work, 'late-loads')
  for (const expected of [['miss', 'warm'], ['hit']]) {
    const run = node(code, { STANDIN_COMPILE_CACHE_DIR: dir })
    expect(run.stdout, run.stderr).toBe('200')
    expect(run.statuses).toEqual(expected)
  }
})

test('the process that compiled the engine writes the cache again when its first server closes, with what ran', () => {
  const serve = `const { createStandin } = require('standin/internal')
    const mock = createStandin()
    mock.on({ userMessage: 'hi' }, { content: 'Hello' })
    mock.listen().then(async (server) => {
      const response = await fetch(server.url + '/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      })
      const body = await response.json()
      await server.close()
      await mock.listen().then((again) => again.close())
      process.stdout.write(body.choices[0].message.content)
    })`
  // Only imported: the cache holds the top level's code, written once.
  const cold = join(work, 'cold')
  expect(node(REQUIRE_CJS, { STANDIN_COMPILE_CACHE_DIR: cold }).statuses).toEqual(['miss'])
  const [coldFile] = readdirSync(cold)
  const coldSize = readFileSync(join(cold, coldFile!)).length
  // Served and closed: written again (once, though a second server closed too), with the functions that ran.
  const warm = join(work, 'warm')
  const first = node(serve, { STANDIN_COMPILE_CACHE_DIR: warm })
  expect(first, first.stderr).toMatchObject({ status: 0, stdout: 'Hello', statuses: ['miss', 'warm'] })
  expect(readdirSync(warm)).toEqual([coldFile])
  const written = readFileSync(join(warm, coldFile!))
  expect(written.length).toBeGreaterThan(coldSize)
  // The next process compiles from it and writes nothing.
  const next = node(serve, { STANDIN_COMPILE_CACHE_DIR: warm })
  expect(next).toMatchObject({ status: 0, stdout: 'Hello', statuses: ['hit'] })
  expect(readFileSync(join(warm, coldFile!)).equals(written)).toBe(true)
})

test('in a sandbox realm (as in a Jest environment) the loader falls back to a plain require', () => {
  // The loader compiled inside a vm context, as Jest compiles every module of a test file.
  const code = `
    const vm = require('node:vm'), fs = require('node:fs'), Module = require('node:module')
    const context = vm.createContext({ process, Buffer })
    const wrapper = vm.runInContext(Module.wrap(fs.readFileSync(${JSON.stringify(LOADER)}, 'utf8')), context)
    const module = { exports: {} }
    wrapper(module.exports, require, module, ${JSON.stringify(LOADER)}, ${JSON.stringify(join(ROOT, 'dist', 'internal'))})
    const engine = module.exports.loadEngine(${JSON.stringify(ENGINE)})
    process.stdout.write(typeof engine.createStandin)
  `
  const run = node(code, { STANDIN_COMPILE_CACHE_DIR: join(work, 'realm') })
  expect(run).toMatchObject({ stdout: 'function', statuses: ['other-realm'] })
  expect(existsSync(join(work, 'realm'))).toBe(false)
})

test('the built engine and chunks are plain ASCII, which the loader reads without decoding UTF-8', () => {
  const dir = join(ROOT, 'dist', 'internal')
  const bundles = readdirSync(dir).filter((name) => name.endsWith('.js'))
  expect(bundles).toContain('engine.js')
  for (const name of bundles) {
    const bytes = readFileSync(join(dir, name))
    const at = bytes.findIndex((byte) => byte > 0x7f)
    // A non-ASCII character (often in a comment the bundle keeps) costs every process ~2 ms: write it in ASCII.
    expect(isAscii(bytes), `${name}: ${bytes.subarray(Math.max(0, at - 60), at + 10).toString()}`).toBe(true)
  }
})

test('a bundle with non-ASCII text is read as UTF-8, from source and from its cache alike', () => {
  const file = join(work, 'non-ascii.js')
  writeFileSync(
    file,
    "// Prices in €\nmodule.exports = { text: 'café → 東京 🙂', length: 'café → 東京 🙂'.length }\n",
  )
  const code = `const m = require(${JSON.stringify(LOADER)}).loadEngine(${JSON.stringify(file)})
    process.stdout.write(JSON.stringify(m))`
  const dir = join(work, 'non-ascii-cache')
  for (const expected of [['miss'], ['hit']]) {
    const run = node(code, { STANDIN_COMPILE_CACHE_DIR: dir })
    expect(JSON.parse(run.stdout), run.stderr).toEqual({ text: 'café → 東京 🙂', length: 12 })
    expect(run.statuses).toEqual(expected)
  }
})

test("a new build's first load removes the caches of earlier builds of that bundle, in node_modules only", () => {
  const internal = join(work, 'project', 'node_modules', 'standin', 'dist', 'internal')
  mkdirSync(internal, { recursive: true })
  const file = join(internal, 'part.js')
  writeFileSync(file, 'module.exports = { answer: 42 }\n')
  const dir = join(work, 'project', 'node_modules', '.cache', 'standin')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const tag = `${process.version}-${process.arch}`
  const stale = `part-${tag}-deadbeef.bin` // an earlier build of the same bundle: removed
  const kept = [`part-v18.0.0-${process.arch}-deadbeef.bin`, `other-${tag}-deadbeef.bin`] // another Node, another bundle
  for (const name of [stale, ...kept]) writeFileSync(join(dir, name), 'old')
  const code = `process.stdout.write(String(require(${JSON.stringify(LOADER)}).loadEngine(${JSON.stringify(file)}).answer))`
  const run = node(code, { STANDIN_COMPILE_CACHE_DIR: '' })
  expect(run).toMatchObject({ stdout: '42', statuses: ['miss'] })
  const files = readdirSync(dir)
  expect(files).not.toContain(stale)
  expect(files).toEqual(expect.arrayContaining(kept))
  const fresh = files.filter((name) => name.startsWith(`part-${tag}-`))
  expect(fresh).toHaveLength(1)
  expect(node(code, { STANDIN_COMPILE_CACHE_DIR: '' })).toMatchObject({ stdout: '42', statuses: ['hit'] })
  expect(readdirSync(dir).sort()).toEqual(files.sort())

  // A folder set by STANDIN_COMPILE_CACHE_DIR may be shared by other checkouts: nothing is removed there.
  const shared = join(work, 'shared-cache')
  mkdirSync(shared, { recursive: true, mode: 0o700 })
  writeFileSync(join(shared, stale), 'old')
  expect(node(code, { STANDIN_COMPILE_CACHE_DIR: shared })).toMatchObject({ statuses: ['miss'] })
  expect(readdirSync(shared)).toContain(stale)
})
