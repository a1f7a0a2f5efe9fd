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

/**
 * Names taken from a lighter entry of the peer when it has one: the first specifier that resolves wins,
 * the peer's main entry is the last resort. `msw`'s main entry loads GraphQL and more (tens of ms); its
 * `http` and `ws` also live in `msw/core/http`, `msw/core/ws` (2.x) and `msw/http`, `msw/ws` (3.x), the
 * same modules `msw/node` uses, so handlers made from them are the ones `setupServer()` knows.
 */
export const LIGHTER: Record<string, Record<string, string[]>> = {
  msw: { http: ['msw/core/http', 'msw/http'], ws: ['msw/core/ws', 'msw/ws'] },
}

/** The install hint: the package to install (for `msw/node`, `msw`). */
function packageOf(peer: string): string {
  return peer.startsWith('@') ? peer.split('/').slice(0, 2).join('/') : peer.split('/')[0]!
}

/** Jest provides `@jest/globals` itself (it cannot be missing where the hook runs), and the ESM setup file
 * that imports it is wrapped by esbuild in a function where `await` is not allowed. */
const UNGUARDED_IN_ESM = new Set(['@jest/globals'])

/** Matches exactly the peer specifiers above. */
export const PEER_PATTERN = new RegExp(
  `^(${[...Object.keys(PEERS), ...Object.values(LIGHTER).flatMap((names) => Object.values(names).flat())]
    .map(escape)
    .join('|')})$`,
)

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

/**
 * The module for a peer with lighter entries: each name from the first of its specifiers that resolves,
 * else (and names without lighter entries) from the peer's main entry, loaded through the usual guard so
 * a missing install is named and a broken one fails as it is. Any failure of a lighter entry moves on:
 * Node says "not exported", a Vite/Vitest module runner that inlines standin says it in its own words.
 * The specifier goes through a function so bundlers leave it to run time instead of resolving it ahead.
 */
function lighterSource(peer: string, names: string[], format: 'cjs' | 'esm'): string {
  const lighter = LIGHTER[peer]!
  const load = format === 'cjs' ? 'load' : 'await load'
  const lines = [
    format === 'cjs'
      ? `const load = (specifier) => require(specifier)`
      : `const load = (specifier) => import(specifier)`,
    `let main`,
    `const fromMain = (name) => {`,
    `  if (!main) ${format === 'cjs' ? `main = require(${JSON.stringify(`${peer}?main`)})` : `throw new Error('unreachable')`}`,
    `  return main[name] ?? main.default?.[name]`,
    `}`,
  ]
  for (const name of names) {
    lines.push(`let ${name}`)
    for (const specifier of lighter[name] ?? []) {
      lines.push(
        `if (${name} === undefined) try { const m = ${load}(${JSON.stringify(specifier)}); ${name} = m.${name} ?? m.default?.${name} } catch {}`,
      )
    }
    lines.push(
      format === 'cjs'
        ? `if (${name} === undefined) ${name} = fromMain(${JSON.stringify(name)})`
        : `if (${name} === undefined) { main ??= await import(${JSON.stringify(`${peer}?main`)}); ${name} = main.${name} ?? main.default?.${name} }`,
    )
  }
  lines.push(format === 'cjs' ? `module.exports = { ${names.join(', ')} }` : `export { ${names.join(', ')} }`)
  return lines.join('\n') + '\n'
}

/** The names our sources import from the peer at run time (type-only imports excluded). */
function importedNames(peer: string, roots: string[]): string[] {
  const pattern = new RegExp(`import\\s+\\{([^}]*)\\}\\s+from\\s+'${escape(peer)}'`, 'g')
  const names = new Set<string>()
  for (const root of roots) {
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue
      // Comments dropped: an `@example` importing from the peer is not an import.
      const source = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
      for (const [, list] of source.matchAll(pattern)) {
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
        args.namespace === 'standin-peer' ||
        args.namespace === 'standin-peer-main' ||
        // A dynamic import is already lazy, and its caller handles its failure.
        args.kind === 'dynamic-import' ||
        (format === 'esm' && UNGUARDED_IN_ESM.has(args.path))
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'standin-peer' },
      )
      // `msw?main`: the main entry behind the lighter ones, through the usual guard.
      build.onResolve({ filter: /\?main$/ }, (args) => ({
        path: args.path.slice(0, -'?main'.length),
        namespace: 'standin-peer-main',
      }))
      build.onLoad({ filter: /.*/, namespace: 'standin-peer-main' }, ({ path }) => ({
        contents:
          format === 'cjs' ? guardSource(path, 'cjs') : `${guardSource(path, 'esm')}\nexport default peer\n`,
        loader: 'js',
      }))
      build.onLoad({ filter: /.*/, namespace: 'standin-peer' }, ({ path }) => {
        const names = importedNames(path, roots)
        if (LIGHTER[path]) return { contents: lighterSource(path, names, format), loader: 'js' }
        if (format === 'cjs') return { contents: guardSource(path, 'cjs'), loader: 'js' }
        const exports = names.map((name) => `export const ${name} = peer.${name} ?? peer.default?.${name}`)
        return {
          contents: `${guardSource(path, 'esm')}\n${exports.join('\n')}\n`,
          loader: 'js',
        }
      })
    },
  }
}
