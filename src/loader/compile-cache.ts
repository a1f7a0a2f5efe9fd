/**
 * Loads the engine bundle (`dist/internal/engine.js`, ~900 KB of CommonJS) with a V8 code cache, so a
 * process that imports standin does not parse and compile it from scratch each time: compiling it is
 * most of what `import('standin')` costs (issue 15). The cache is V8's own serialised code
 * (`vm.Script#createCachedData`), written next to the package in `node_modules/.cache/standin/` (or the
 * OS temporary folder when the package is not under `node_modules`), keyed by the bundle's size and
 * mtime, the Node version and the CPU architecture. V8 checks the source hash and its flags itself and
 * rejects a cache that does not fit; a rejected or missing cache is rewritten (temporary file + rename,
 * since many test workers start at once).
 *
 * The bundle must not call `import()` (see below); the build refuses one. Nothing here may fail the import: any error ends in a plain `require` of the bundle. The plain
 * `require` is also taken when `STANDIN_COMPILE_CACHE=0`, and inside a sandbox realm (a Jest test
 * environment, Vitest's vm pools) where `vm.runInThisContext` would run the engine in the outer realm.
 * `STANDIN_COMPILE_CACHE_DEBUG=1` prints what happened on stderr.
 *
 * The engine's cold subsystems (vector databases, protocol mocks) are separate bundles, `chunk-<name>.js`,
 * loaded with the same function (and their own cache file) when first used: see scripts/build/chunks.ts.
 *
 * Built as its own CommonJS file (dist/internal/compile-cache.js): it imports nothing of the engine.
 * @module
 */
import { isAscii } from 'node:buffer'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, sep } from 'node:path'
import vm from 'node:vm'

/** What {@link loadEngine} did, for `STANDIN_COMPILE_CACHE_DEBUG` and the tests. */
export type CompileCacheStatus =
  | 'disabled' // STANDIN_COMPILE_CACHE=0
  | 'other-realm' // a sandbox: plain require
  | 'miss' // no cache file: compiled, cache written
  | 'rejected' // V8 refused the cache (other flags, corrupt file): compiled, cache rewritten
  | 'hit' // compiled from the cache
  | 'error' // something failed before the bundle ran: plain require
  | 'warm' // (after a miss or rejection) the cache written again once the code has run

interface ModuleInternals {
  wrap(source: string): string
  _nodeModulePaths(dir: string): string[]
  _cache: Record<string, NodeModule>
}

type ModuleConstructor = new (id: string, parent?: NodeModule) => NodeModule

/** 32-bit FNV-1a of `text`, in hex: a short stable name part (no crypto at import). */
function fnv(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

/**
 * The cache folder for `file`: `<nearest node_modules>/.cache/standin` when the package is installed,
 * else a per-user folder in the OS temporary folder. `STANDIN_COMPILE_CACHE_DIR` overrides both.
 */
export function cacheDirFor(file: string): string {
  const override = process.env.STANDIN_COMPILE_CACHE_DIR
  if (override) return override
  const marker = `${sep}node_modules${sep}`
  const at = file.lastIndexOf(marker)
  if (at !== -1) return join(file.slice(0, at + marker.length - 1), '.cache', 'standin')
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user'
  return join(tmpdir(), `standin-compile-cache-${user}`)
}

/** Whether a folder may hold code this process runs: not writable by other users of a shared /tmp. */
function trustedDir(dir: string): boolean {
  if (typeof process.getuid !== 'function') return true
  const stats = statSync(dir)
  return stats.isDirectory() && stats.uid === process.getuid() && (stats.mode & 0o022) === 0
}

function debug(status: CompileCacheStatus, detail: string): void {
  if (process.env.STANDIN_COMPILE_CACHE_DEBUG === '1')
    process.stderr.write(`standin compile cache: ${status}${detail ? ` ${detail}` : ''}\n`)
}

function plainRequire(file: string, status: CompileCacheStatus, detail = ''): unknown {
  debug(status, detail)
  return createRequire(file)(file)
}

/**
 * The exports of the CommonJS bundle `file`, compiled with the code cache when it can be. The module is
 * registered in `require.cache` under `file` like any required module, so a later `require(file)` gets
 * the same instance.
 */
export function loadEngine(file: string, parent?: NodeModule): unknown {
  if (process.env.STANDIN_COMPILE_CACHE === '0') return plainRequire(file, 'disabled')
  const internals = Module as unknown as ModuleInternals
  let dir: string
  let cachePath: string
  let script: vm.Script
  let cachedData: Buffer | undefined
  try {
    // In a sandbox realm (Jest's environment, Vitest's vm pools) runInThisContext reaches the outer one.
    if (vm.runInThisContext('globalThis') !== globalThis) return plainRequire(file, 'other-realm')
    if (internals._cache[file]) return internals._cache[file].exports
    const source = readSource(file)
    const stats = statSync(file)
    dir = cacheDirFor(file)
    const key = `${file}\0${stats.size}\0${stats.mtimeMs}\0${process.version}\0${process.arch}`
    // One file per bundle: `engine-…` for the core, `chunk-vector-…` for a chunk (scripts/build/chunks.ts).
    cachePath = join(dir, `${basename(file, '.js')}-${process.version}-${process.arch}-${fnv(key)}.bin`)
    try {
      if (trustedDir(dir)) cachedData = readFileSync(cachePath)
    } catch {
      // No cache yet (or no folder): compiled from source below.
    }
    // No `importModuleDynamically`: on Node 20 a script compiled from a cache loses it (ERR_VM_DYNAMIC_IMPORT_
    // CALLBACK_MISSING) and the main-context loader prints an experimental warning. The engine therefore
    // holds no `import()`; the build checks it (scripts/build/engine-entry.ts) and lazy loads use require.
    script = new vm.Script(internals.wrap(source), { filename: file, cachedData })
  } catch (error) {
    return plainRequire(file, 'error', String(error))
  }
  const status: CompileCacheStatus =
    cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit'
  const ModuleClass = Module as unknown as ModuleConstructor
  const mod = new ModuleClass(file, parent)
  mod.filename = file
  mod.paths = internals._nodeModulePaths(dirname(file))
  internals._cache[file] = mod
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: NodeModule,
    filename: string,
    dirname: string,
  ) => void
  try {
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file))
  } catch (error) {
    delete internals._cache[file]
    throw error
  }
  mod.loaded = true
  if (status !== 'hit') {
    writeCache(dir, cachePath, script)
    warmLater(dir, cachePath, script)
    if (status === 'miss') removeStale(file, dir, cachePath)
  }
  debug(status, cachePath)
  return mod.exports
}

/**
 * Where the engine finds {@link writeWarmCaches} (src/loader/warm-cache.ts): a registered symbol on
 * `process`, since the engine is another file and must not load this one.
 */
const WARM_HOOK = Symbol.for('standin.compileCache.warm')

/** The caches this process wrote before the code ran, to be written again once it has run. */
const pendingWarm: (() => void)[] = []

/**
 * A cache written right after the bundle's top level holds only the functions compiled so far: every
 * other function is parsed and compiled again, lazily, in each process that uses it (a third of a Vitest
 * test file's extra CPU). So the process that wrote the cache writes it again, once, when its first server
 * closes (src/loader/warm-cache.ts): by then the request path, sessions and matchers have run, and V8
 * keeps their compiled code in the cache. The next processes load those functions instead of compiling
 * them. Processes that read a cache never write it.
 */
function warmLater(dir: string, cachePath: string, script: vm.Script): void {
  pendingWarm.push(() => {
    writeCache(dir, cachePath, script)
    debug('warm', cachePath)
  })
  ;(process as unknown as Record<symbol, unknown>)[WARM_HOOK] = writeWarmCaches
}

/** Writes the pending caches again, now with what has run (see {@link warmLater}); once per cache. */
function writeWarmCaches(): void {
  delete (process as unknown as Record<symbol, unknown>)[WARM_HOOK]
  for (const write of pendingWarm.splice(0)) write()
}

/**
 * The bundle's text. The built bundles are plain ASCII (test/loader/compile-cache.test.ts checks it), and
 * ASCII read as Latin-1 is the same text without UTF-8 decoding: about 2 ms less for the engine, in every
 * process that loads it. Any other byte, and the file is decoded as UTF-8 as usual.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file)
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
}

/**
 * After a miss (a new build of `file`, or a first run), removes this bundle's cache files for the same Node
 * version and architecture made from earlier builds, so upgrading standin does not leave ~0.4 MB per build
 * and bundle behind. Only in a package's own `node_modules/.cache/standin/`, which holds the caches of the
 * one standin installed there: a folder set by STANDIN_COMPILE_CACHE_DIR, or the tmpdir fallback, may be
 * shared by several checkouts, which would then delete each other's caches.
 */
function removeStale(file: string, dir: string, cachePath: string): void {
  if (process.env.STANDIN_COMPILE_CACHE_DIR || !file.includes(`${sep}node_modules${sep}`)) return
  const prefix = `${basename(file, '.js')}-${process.version}-${process.arch}-`
  const current = basename(cachePath)
  try {
    for (const name of readdirSync(dir))
      if (name !== current && name.startsWith(prefix) && name.endsWith('.bin')) unlinkSync(join(dir, name))
  } catch {
    // Another process removed it first, or the folder cannot be read: nothing to clean.
  }
}

/** Writes the cache atomically (temporary file + rename); a failure only means no cache next time. */
function writeCache(dir: string, cachePath: string, script: vm.Script): void {
  const temp = `${cachePath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!trustedDir(dir)) return
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 })
    renameSync(temp, cachePath)
  } catch {
    try {
      unlinkSync(temp)
    } catch {
      // Never written.
    }
  }
}
