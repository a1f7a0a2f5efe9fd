/**
 * After tsup: makes `standin/internal` one CommonJS engine that both module systems share, loaded with a
 * V8 code cache (src/loader/compile-cache.ts).
 * - dist/internal/index.js (the bundle) moves to dist/internal/engine.js;
 * - dist/internal/index.js becomes a two-line loader that compiles engine.js with the code cache;
 * - dist/internal/index.mjs (the ESM bundle) becomes a re-export of that loader's exports, with the
 *   same names the ESM bundle exported (read from its closing `export { ... }`).
 * One engine instance per process (no dual-package hazard), and the ESM entries get the cache too: Node 20
 * has no code cache for ES modules.
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The names an esbuild ESM bundle exports, from its final `export { a, b as c };` statement. */
export function exportedNames(esm: string): string[] {
  const match = /\nexport \{([^}]*)\};\s*$/.exec(esm)
  if (!match) throw new Error('engine-entry: the ESM engine bundle does not end in an `export { ... }` list')
  const names = match[1]!
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split(/\s+as\s+/).pop()!)
  if (names.includes('default')) throw new Error('engine-entry: the engine has a default export')
  // `__modules` is the chunks' view of the core (scripts/build/chunks.ts), not an export for users.
  return names.filter((name) => name !== '__modules').sort()
}

export function writeEngineEntries(dist = 'dist'): void {
  const dir = join(dist, 'internal')
  const names = exportedNames(readFileSync(join(dir, 'index.mjs'), 'utf8'))
  const dynamic = /(?<![\w$.])import\(/.exec(readFileSync(join(dir, 'index.js'), 'utf8'))
  if (dynamic)
    throw new Error(
      'engine-entry: the CommonJS engine calls import(), which a script compiled from a V8 code cache cannot ' +
        'do on Node 20: load the module with lazyRequire (src/core/lazy-require.ts) instead',
    )
  renameSync(join(dir, 'index.js'), join(dir, 'engine.js'))
  writeFileSync(
    join(dir, 'index.js'),
    [
      '"use strict";',
      '// The engine (engine.js), compiled with a V8 code cache: see compile-cache.js.',
      'module.exports = require("./compile-cache.js").loadEngine(require("path").join(__dirname, "engine.js"), module);',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'index.mjs'),
    [
      '// The one engine both module systems share (./index.js, CommonJS, compiled with a V8 code cache).',
      'import { createRequire } from "node:module";',
      'const engine = createRequire(import.meta.url)("./index.js");',
      `export const {\n  ${names.join(',\n  ')}\n} = engine;`,
      '',
    ].join('\n'),
  )
}
