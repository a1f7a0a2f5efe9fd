/**
 * Where the installed package lives, found from this file: `dist/cli/index.js` (and `src/cli/` in a
 * checkout) sit two folders below the package root.
 * @module
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', '..')

/** The bundled example fixtures, served by a bare `standin serve`. */
export const BUNDLED_FIXTURES = join(root, 'fixtures')

/** The package version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
}
