/**
 * `vitest watch`: editing a fixture file named in a project's plugin options reruns that project's tests,
 * and not another project's. Runs a copy of test/integrations/projects/vitest-watch (its fixtures are
 * edited) in a child process; needs the built package.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { ROOT, watchVitest, type VitestWatch } from './run-vitest'

const WAITING = 'Waiting for file changes'
const count = (text: string, part: string) => text.split(part).length - 1

let watch: VitestWatch | undefined
let copy: string | undefined
afterEach(async () => {
  await watch?.stop()
  if (copy) rmSync(copy, { recursive: true, force: true })
})

test('an edited fixture file reruns the tests of the project that loads it', async () => {
  copy = mkdtempSync(join(tmpdir(), 'standin-watch-'))
  cpSync(join(ROOT, 'test/integrations/projects/vitest-watch'), copy, { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')
  watch = watchVitest({ root: copy })

  const first = await watch.until((out) => out.includes(WAITING))
  expect(first).toContain('RAN a: a first')
  expect(first).toContain('RAN b: b first')

  writeFileSync(
    join(copy, 'fixtures-a/chat.json'),
    JSON.stringify({
      fixtures: [{ id: 'hello', match: { userMessage: 'hello' }, response: { content: 'a second' } }],
    }),
  )
  const rerun = (await watch.until((out) => count(out, WAITING) === 2, 45_000)).slice(first.length)
  expect(rerun).toContain('RAN a: a second')
  // Project b loads other fixtures: it did not rerun.
  expect(rerun).not.toContain('RAN b')
}, 120_000)
