// Finds a Chromium for the Playwright tests and examples, installing one if it must, and writes its path
// to node_modules/.cache/standin/chromium-path: vitest.config.mts hands it to every test (and every
// Playwright run they start) as CHROMIUM_PATH. Run by `npm test` (pretest); never skips: without a browser
// it fails with one line saying how to get one.
//
// Order: CHROMIUM_PATH when given; Playwright's own download when present; a system Chromium already
// installed (Debian's chromium, Chrome); `npx playwright install chromium`; Debian's chromium via apt-get
// when root; else fail.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cacheFile = new URL('../node_modules/.cache/standin/chromium-path', import.meta.url)
const HOW_TO =
  'no Chromium for the Playwright tests: run `npx playwright install --with-deps chromium` (or `apt-get install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary'

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The Chromium Playwright downloads (`npx playwright install chromium`), when it is there. */
function playwrightChromium() {
  try {
    const { chromium } = createRequire(`${root}/package.json`)('playwright-core')
    const path = chromium.executablePath()
    return executable(path) ? path : undefined
  } catch {
    return undefined
  }
}

/** A Chromium or Chrome installed on the system (Debian's `chromium`, Chrome). */
function systemChromium() {
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
    if (found && executable(found)) return found
  }
  return undefined
}

function run(command, args, timeout) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout,
    encoding: 'utf8',
  })
  const last = (result.stderr ?? '').trim().split('\n').at(-1) ?? ''
  return result.status === 0 ? undefined : (result.error?.message ?? (last || `exit ${result.status}`))
}

function find() {
  const given = process.env.CHROMIUM_PATH
  if (given) {
    if (executable(given)) return { path: given, how: 'CHROMIUM_PATH' }
    return { error: `CHROMIUM_PATH=${given} is not an executable file; ${HOW_TO}` }
  }
  const own = playwrightChromium()
  if (own) return { path: own, how: "Playwright's download" }
  const system = systemChromium()
  if (system) return { path: system, how: 'installed on this system' }
  const tried = []
  process.stderr.write('standin tests: no Chromium found; trying `npx playwright install chromium`...\n')
  const download = run(process.execPath, [require_('playwright-core/cli.js'), 'install', 'chromium'], 600_000)
  const downloaded = playwrightChromium()
  if (downloaded) return { path: downloaded, how: 'downloaded by Playwright' }
  tried.push(`playwright install failed (${download})`)
  const root_ = process.getuid?.() === 0
  if (root_ && !run('sh', ['-c', 'command -v apt-get'], 10_000)) {
    process.stderr.write('standin tests: trying `apt-get install chromium`...\n')
    const apt = run(
      'sh',
      [
        '-c',
        'DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      ],
      900_000,
    )
    const installed = systemChromium()
    if (installed) return { path: installed, how: 'installed with apt-get' }
    tried.push(`apt-get install chromium failed (${apt})`)
  } else {
    tried.push(root_ ? 'no apt-get' : 'not root, so no apt-get')
  }
  return { error: `${HOW_TO} (tried: ${tried.join('; ')})` }
}

function require_(id) {
  return createRequire(`${root}/package.json`).resolve(id)
}

const found = find()
if (found.error) {
  process.stderr.write(`standin tests: ${found.error}\n`)
  process.exit(1)
}
mkdirSync(new URL('.', cacheFile), { recursive: true })
writeFileSync(cacheFile, found.path)
if (process.env.CHROMIUM_PATH === undefined) {
  // Quiet when nothing had to be done beyond looking.
  try {
    execFileSync(found.path, ['--version'], { stdio: 'ignore', timeout: 30_000 })
  } catch (error) {
    process.stderr.write(
      `standin tests: ${found.path} (${found.how}) does not start: ${error.message}; ${HOW_TO}\n`,
    )
    process.exit(1)
  }
}
process.stdout.write(`chromium for the Playwright tests: ${found.path} (${found.how})\n`)
