/**
 * The setup file the plugin adds (one run per test file, in its worker): starts the worker's mock on
 * port 0, sets the provider variables, registers the matchers, and gives each test its own session.
 * The work is in ./setup-body, CommonJS loaded with the engine's V8 code cache; this file only hands it
 * Vitest's functions and holds the test file back until the mock listens.
 * @module
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeEach, expect, inject, test } from 'vitest'

type SetupBody = typeof import('./setup-body')

/**
 * dist/vitest/setup-body.js through dist/internal/compile-cache.js, as the engine is loaded. `__filename`:
 * tsup shims it in the ESM build (as for integrations/engine.ts). In Vitest's vm pools this file runs in a
 * context of its own, where Node's `require` would run the body in the outer realm (another `globalThis`,
 * other `fetch`): there the body is imported, through Vitest, into this file's context.
 */
function loadBody(): SetupBody | Promise<SetupBody> {
  const require = createRequire(__filename)
  const vm = require('node:vm') as typeof import('node:vm')
  const file = join(dirname(__filename), 'setup-body.js')
  if (vm.runInThisContext('globalThis') !== globalThis) {
    return import(pathToFileURL(file).href).then(
      (loaded: Partial<SetupBody> & { default?: SetupBody }) =>
        (loaded.setUp ? loaded : loaded.default) as SetupBody,
    )
  }
  const { loadEngine } = require('../internal/compile-cache.js') as { loadEngine(file: string): unknown }
  return loadEngine(file) as SetupBody
}

const vitest = { afterAll, beforeEach, expect, inject, test }
const body = loadBody()
const ready = 'then' in body ? body.then((loaded) => loaded.setUp(vitest)) : body.setUp(vitest)

/**
 * Vitest awaits the import of each setup file before importing the test file. Exporting `then` makes
 * that import wait until the mock listens and the variables are set, so SDK clients created when the
 * test file loads already point at the mock. (Top-level await would say the same, but this file is also
 * built as CommonJS, which cannot hold it.)
 */
export function then(resolve: (value: undefined) => void, reject: (reason: unknown) => void): void {
  ready.then(() => resolve(undefined), reject)
}
