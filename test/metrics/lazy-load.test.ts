/**
 * prom-client is loaded only by a mock that turns metrics on, so importing standin costs nothing more
 * without them. Checked on the built package in a fresh process (its module cache is the evidence).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ROOT } from '../cli/cli-process'

const ENTRY = join(ROOT, 'dist', 'index.js')

test('prom-client is loaded by the first mock with metrics on, not by importing standin', () => {
  expect(existsSync(ENTRY), `${ENTRY}: run \`npm run build\` first`).toBe(true)
  const script = `
    const loaded = () => Object.keys(require.cache).some((file) => file.includes('/prom-client/'))
    const { createStandin } = require(${JSON.stringify(ENTRY)})
    const seen = [loaded()]
    createStandin()
    seen.push(loaded())
    createStandin({ metrics: true })
    seen.push(loaded())
    process.stdout.write(JSON.stringify(seen))
  `
  const seen = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as boolean[]
  expect(seen).toEqual([false, false, true])
})
