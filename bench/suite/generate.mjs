/**
 * Writes the suite case's projects: the same Vitest or Jest suite (`files` test files × `tests` tests) in
 * three variants that differ only in what answers the test's request.
 *
 * - `standin`: the integration as the README shows it (the `standin/vitest` plugin and `test`, or
 *   `withStandin()` and `standin()` in Jest). Each test registers two fixtures (one it uses, one it does not),
 *   makes one request through the openai SDK, asserts on the answer and on the journal.
 * - `floor`: the same test and request against a bare node:http server started the same way (once per test
 *   file, before it loads, SDK pointed at it through OPENAI_BASE_URL). Only standin's own cost differs.
 * - `none`: no mock and no request; the test computes the same answer locally. The gap to `floor` is what
 *   any HTTP mock costs (the SDK import, a server per file, a round trip per test), not standin's.
 *
 * Projects live in one temp folder whose node_modules holds links to this repository's packages and a copy
 * of `standin` as npm would install it (package.json and the built dist/), so nothing is downloaded.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const RUNNERS = ['vitest', 'jest']
export const VARIANTS = ['standin', 'floor', 'none']

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url))

/**
 * Fills `<root>/node_modules` with links to each of the repository's packages, and a copy of standin's
 * package.json, dist/ and schema/. A copy, not a link: a link resolves to the checkout, outside any
 * node_modules, and Vitest would then transform standin like the project's own source (seconds per run)
 * instead of loading it as an installed package. A real folder, not one link to the repository's
 * node_modules, so the runners' caches (`.vite`, `.vite-temp`) are written here, not into the checkout.
 */
export function linkModules(root) {
  const modules = join(root, 'node_modules')
  mkdirSync(modules, { recursive: true })
  const source = join(REPO, 'node_modules')
  for (const name of readdirSync(source)) {
    if (name === 'standin' || name.startsWith('.')) continue
    symlinkSync(join(source, name), join(modules, name), 'dir')
  }
  if (!existsSync(join(REPO, 'dist', 'index.js'))) throw new Error('no dist/: run `npm run build` first')
  const standin = join(modules, 'standin')
  mkdirSync(standin)
  copyFileSync(join(REPO, 'package.json'), join(standin, 'package.json'))
  for (const folder of ['dist', 'schema'])
    cpSync(join(REPO, folder), join(standin, folder), { recursive: true })
}

const question = (file, test) => `question ${file}.${test}`
const answer = (file, test) => `answer ${file}.${test}`
const title = (file, test) => `file ${file}, test ${test}`
const pad = (n) => String(n).padStart(2, '0')

/** The body of one test, by runner and variant. `mock` is the name of standin's handle in that runner. */
function testBody({ variant, file, test, mock }) {
  const q = question(file, test)
  const a = answer(file, test)
  if (variant === 'none') {
    return [
      `  const content = await Promise.resolve(${JSON.stringify(q)}.replace('question', 'answer'))`,
      `  expect(content).toBe(${JSON.stringify(a)})`,
    ]
  }
  const lines = []
  if (variant === 'standin') {
    lines.push(
      `  ${mock}.on({ userMessage: ${JSON.stringify(q)} }, { content: ${JSON.stringify(a)} })`,
      `  ${mock}.on({ userMessage: 'not asked ${file}.${test}' }, { content: 'never served' })`,
    )
  }
  lines.push(
    `  const completion = await openai.chat.completions.create({`,
    `    model: 'gpt-4o-mini',`,
    `    messages: [{ role: 'user', content: ${JSON.stringify(q)} }],`,
    `  })`,
    `  expect(completion.choices[0]?.message.content).toBe(${JSON.stringify(a)})`,
  )
  if (variant === 'standin') lines.push(`  expect(${mock}).toHaveRequestCount(1)`)
  return lines
}

const CLIENT =
  "const openai = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: 'sk-test', maxRetries: 0 })"

function vitestFile({ variant, file, tests }) {
  const head =
    variant === 'standin'
      ? ["import OpenAI from 'openai'", "import { expect, test } from 'standin/vitest'", '', CLIENT]
      : variant === 'floor'
        ? ["import OpenAI from 'openai'", "import { expect, test } from 'vitest'", '', CLIENT]
        : ["import { expect, test } from 'vitest'"]
  const body = []
  for (let t = 1; t <= tests; t++) {
    const args = variant === 'standin' ? '{ standin }' : ''
    body.push('', `test(${JSON.stringify(title(file, t))}, async (${args}) => {`)
    body.push(...testBody({ variant, file, test: t, mock: 'standin' }), '})')
  }
  return [...head, ...body, ''].join('\n')
}

function jestFile({ variant, file, tests }) {
  const head =
    variant === 'standin'
      ? [
          "const { OpenAI } = require('openai')",
          "const { standin } = require('standin/jest')",
          '',
          'const mock = standin()',
          CLIENT,
        ]
      : variant === 'floor'
        ? ["const { OpenAI } = require('openai')", '', CLIENT]
        : []
  const body = []
  for (let t = 1; t <= tests; t++) {
    body.push('', `test(${JSON.stringify(title(file, t))}, async () => {`)
    body.push(...testBody({ variant, file, test: t, mock: 'mock' }), '})')
  }
  return ['/* global require, test, expect */', ...head, ...body, ''].join('\n')
}

function vitestConfig(variant) {
  const lines = ["import { defineConfig } from 'vitest/config'"]
  if (variant === 'standin') lines.push("import { standin } from 'standin/vitest'")
  const plugins = variant === 'standin' ? '\n  plugins: [standin()],' : ''
  const setup = variant === 'floor' ? "\n    setupFiles: ['./vitest-floor-setup.mjs']," : ''
  lines.push(
    '',
    `export default defineConfig({${plugins}`,
    `  test: {`,
    `    include: ['tests/**/*.test.ts'],`,
    `    pool: 'forks',`,
    `    maxWorkers: 2,${setup}`,
    `  },`,
    `})`,
    '',
  )
  return lines.join('\n')
}

function jestConfig(variant) {
  // transform: {} loads the tests, the SDK and standin as shipped (plain CommonJS), in every variant.
  const base = [
    `  rootDir: __dirname,`,
    `  testMatch: ['<rootDir>/tests/*.test.js'],`,
    `  transform: {},`,
    `  maxWorkers: 2,`,
  ]
  if (variant === 'standin') {
    return [
      '/* global require, module, __dirname */',
      "const { withStandin } = require('standin/jest')",
      '',
      'module.exports = withStandin({',
      ...base,
      '})',
      '',
    ].join('\n')
  }
  if (variant === 'floor') base.push(`  testEnvironment: '<rootDir>/jest-floor-environment.cjs',`)
  return ['/* global module, __dirname */', 'module.exports = {', ...base, '}', ''].join('\n')
}

/**
 * Writes one project into `dir`. Returns what the runner must report for the run to count.
 * @param {{ dir: string, runner: 'vitest' | 'jest', variant: 'standin' | 'floor' | 'none', files: number, tests: number }} options
 */
export function generateProject({ dir, runner, variant, files, tests }) {
  if (!RUNNERS.includes(runner)) throw new Error(`unknown runner ${runner}`)
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`)
  mkdirSync(join(dir, 'tests'), { recursive: true })
  const vitest = runner === 'vitest'
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `suite-${runner}-${variant}`,
      private: true,
      type: vitest ? 'module' : 'commonjs',
    }),
  )
  if (vitest) writeFileSync(join(dir, 'vitest.config.mjs'), vitestConfig(variant))
  else writeFileSync(join(dir, 'jest.config.js'), jestConfig(variant))
  if (variant === 'floor') {
    copyFileSync(join(TEMPLATES, 'floor-server.cjs'), join(dir, 'floor-server.cjs'))
    const setup = vitest ? 'vitest-floor-setup.mjs' : 'jest-floor-environment.cjs'
    copyFileSync(join(TEMPLATES, setup), join(dir, setup))
  }
  for (let f = 1; f <= files; f++) {
    const name = `file-${pad(f)}.test.${vitest ? 'ts' : 'js'}`
    const source = vitest ? vitestFile({ variant, file: f, tests }) : jestFile({ variant, file: f, tests })
    writeFileSync(join(dir, 'tests', name), source)
  }
  return { files, tests: files * tests }
}
