/**
 * An esbuild plugin for tsup: every runtime import of an optional peer (msw, vitest, Jest, Playwright) goes
 * through a small module that turns "Cannot find module 'msw'" into "install msw to use standin/msw".
 * ESM resolves a module's static imports before running any of its code, so the ESM build loads the peer
 * with `await import()` and re-exports the names it had when we built; the CJS build wraps `require()`.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'esbuild'

/** Optional peers imported at run time, with the subpath that needs each. */
export const PEERS: Record<string, string> = {
  msw: 'standin/msw',
  'msw/node': 'standin/msw/node',
  vitest: 'standin/vitest',
  '@playwright/test': 'standin/playwright',
  'jest-environment-node': 'standin/jest/environment',
  '@jest/globals': 'standin/jest',
}

/** The install hint: the package to install (for `msw/node`, `msw`). */
function packageOf(peer: string): string {
  return peer.startsWith('@') ? peer.split('/').slice(0, 2).join('/') : peer.split('/')[0]!
}

/** Jest provides `@jest/globals` itself (it cannot be missing where the hook runs), and the ESM setup file
 * that imports it is wrapped by esbuild in a function where `await` is not allowed. */
const UNGUARDED_IN_ESM = new Set(['@jest/globals'])

/** Matches exactly the peer specifiers above. */
export const PEER_PATTERN = new RegExp(`^(${Object.keys(PEERS).map(escape).join('|')})$`)

function escape(text: string): string {
  return text.replace(/[/.]/g, '\\$&')
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** The error thrown when the peer is missing; any other failure (a broken install) passes through. */
function guardSource(peer: string, format: 'cjs' | 'esm'): string {
  const name = packageOf(peer)
  const message = `install ${name} to use ${PEERS[peer]} (npm i -D ${name})`
  return `
const missing = (error) => {
  const code = error && error.code
  if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String(error.message).includes(${JSON.stringify(`'${name}`)})) {
    return Object.assign(new Error(${JSON.stringify(message)}, { cause: error }), { code: 'STANDIN_MISSING_PEER' })
  }
  return error
}
${
  format === 'cjs'
    ? `try { module.exports = require(${JSON.stringify(peer)}) } catch (error) { throw missing(error) }`
    : `let peer
try { peer = await import(${JSON.stringify(peer)}) } catch (error) { throw missing(error) }`
}`
}

/** The names our sources import from the peer at run time (type-only imports excluded). */
function importedNames(peer: string, roots: string[]): string[] {
  const pattern = new RegExp(`import\\s+\\{([^}]*)\\}\\s+from\\s+'${escape(peer)}'`, 'g')
  const names = new Set<string>()
  for (const root of roots) {
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue
      for (const [, list] of readFileSync(join(root, file), 'utf8').matchAll(pattern)) {
        for (const item of list!.split(',')) {
          const name = item.trim().split(/\s+as\s+/)[0]!
          if (IDENTIFIER.test(name) && name !== 'type') names.add(name)
        }
      }
    }
  }
  return [...names].sort()
}

export function peerGuard(roots = ['src', 'integrations']): Plugin {
  return {
    name: 'standin-peer-guard',
    setup(build) {
      const format = build.initialOptions.format === 'esm' ? 'esm' : 'cjs'
      build.onResolve({ filter: PEER_PATTERN }, (args) =>
        args.namespace === 'standin-peer' || (format === 'esm' && UNGUARDED_IN_ESM.has(args.path))
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'standin-peer' },
      )
      build.onLoad({ filter: /.*/, namespace: 'standin-peer' }, ({ path }) => {
        if (format === 'cjs') return { contents: guardSource(path, 'cjs'), loader: 'js' }
        const names = importedNames(path, roots)
        const exports = names.map((name) => `export const ${name} = peer.${name} ?? peer.default?.${name}`)
        return {
          contents: `${guardSource(path, 'esm')}\n${exports.join('\n')}\n`,
          loader: 'js',
        }
      })
    },
  }
}
