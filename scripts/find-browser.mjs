// Finds a Chromium for the Playwright tests and examples, installing one if it must, and writes its path
// to node_modules/.cache/standin/chromium-path; vitest.config.mts hands it to every test (and every
// Playwright run they start) as CHROMIUM_PATH. `npm test` runs it first (pretest). It never skips: without a
// browser it exits 1 with one line saying how to get one.
//
// Order: CHROMIUM_PATH when given; Playwright's own download when present; a Chromium already installed on
// the system (Debian's chromium, Chrome); `playwright install chromium`; Debian's chromium with apt-get when
// root. A browser already on the machine is used before downloading another.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cacheFile = join(root, 'node_modules/.cache/standin/chromium-path')
const HOW_TO =
  'run `npx playwright install --with-deps chromium` (or `apt-get install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary'

function executable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The Chromium `playwright install chromium` downloads, when it is there. */
function playwrightChromium() {
  try {
    const { chromium } = createRequire(join(root, 'package.json'))('playwright-core')
    const path = chromium.executablePath()
    return executable(path) ? path : undefined
  } catch {
    return undefined
  }
}

/** A Chromium or Chrome on PATH. */
function systemChromium() {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout?.trim()
    if (found && executable(found)) return found
  }
  return undefined
}

/** Runs a command; undefined when it succeeds, else why it failed (its last line of output). */
function run(command, args, timeout) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    timeout,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (result.status === 0) return undefined
  if (result.error) return result.error.message
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trim())
  // eslint-disable-next-line no-control-regex
  const plain = (line) => line.replace(/\u001b\[[0-9;]*m/g, '')
  return plain(
    lines.find((line) => /^(\w*Error|E):/.test(line)) ??
      lines.filter(Boolean).at(-1) ??
      `exit code ${result.status}`,
  )
}

function say(message) {
  process.stderr.write(`standin tests: ${message}\n`)
}

function find() {
  const given = process.env.CHROMIUM_PATH
  if (given) {
    return executable(given)
      ? { path: given, how: 'CHROMIUM_PATH' }
      : { error: `CHROMIUM_PATH=${given} is not an executable file` }
  }
  const found = playwrightChromium() ?? systemChromium()
  if (found) return { path: found, how: 'found' }
  const tried = []
  const cli = join(root, 'node_modules/@playwright/test/cli.js')
  if (existsSync(cli)) {
    say('no Chromium found; running `playwright install chromium`...')
    const failed = run(process.execPath, [cli, 'install', 'chromium'], 10 * 60_000)
    const downloaded = playwrightChromium()
    if (downloaded) return { path: downloaded, how: 'downloaded by Playwright' }
    tried.push(`playwright install chromium: ${failed ?? 'no browser afterwards'}`)
  }
  const root_ = process.getuid?.() === 0
  if (root_ && !run('sh', ['-c', 'command -v apt-get'])) {
    say('running `apt-get install chromium`...')
    const env = 'DEBIAN_FRONTEND=noninteractive'
    const failed = run(
      'sh',
      ['-c', `${env} apt-get update -qq && ${env} apt-get install -y -qq chromium`],
      15 * 60_000,
    )
    const installed = systemChromium()
    if (installed) return { path: installed, how: 'installed with apt-get' }
    tried.push(`apt-get install chromium: ${failed ?? 'no chromium afterwards'}`)
  } else {
    tried.push(root_ ? 'apt-get: not available' : 'apt-get: not root')
  }
  return { error: `no Chromium found (tried ${tried.join('; ')})` }
}

const result = find()
if (result.error) {
  say(`${result.error}. For the Playwright tests, ${HOW_TO}.`)
  process.exit(1)
}
mkdirSync(join(cacheFile, '..'), { recursive: true })
writeFileSync(cacheFile, result.path)
if (result.how !== 'found') say(`Chromium for the Playwright tests: ${result.path} (${result.how})`)
