/**
 * `standinWebServer()`: a Playwright `webServer` entry that runs `standin serve` on port 0 and publishes
 * its URL as `STANDIN_URL` (a `wait.stdout` named group), for app servers started once by `webServer`.
 * @module
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PlaywrightTestConfig } from '@playwright/test'

/** One `webServer` entry (Playwright does not export the type by name). */
export type WebServerEntry = Extract<NonNullable<PlaywrightTestConfig['webServer']>, { command: string }>

export interface StandinWebServerOptions {
  /** Fixture files or folders, relative to the config file's folder (the entry's working directory). */
  fixtures?: string | string[]
  /**
   * A config file in the seed's one-port format (`aimock.json`), relative to the config file's folder:
   * its LLM fixtures and the MCP, AG-UI and A2A servers it describes (`standin serve --config`).
   */
  config?: string
  /** Misses answer 503. Default: on when `CI=true`. */
  strict?: boolean
  /** Milliseconds before each streamed chunk. */
  latency?: number
  chunkSize?: number
  /** More `standin serve` flags. */
  args?: string[]
  /** Replaces the whole command (it must print `standin listening on <url>`). */
  command?: string
  /** Prefix of the mock's log lines. Default `standin`. */
  name?: string
  /** `'pipe'` shows the mock's start-up banner in the test output. Default `'ignore'` (errors still show). */
  stdout?: 'pipe' | 'ignore'
  /** Added to the environment (Playwright merges it over `process.env`). */
  env?: Record<string, string>
  /** Start-up timeout in milliseconds. Default 30 000. */
  timeout?: number
}

/** Matches the CLI's listening line; Playwright copies the named group into `process.env.STANDIN_URL`. */
export const STANDIN_LISTENING = /standin listening on (?<standin_url>http:\/\/\S+)/

/**
 * The mock as a `webServer` entry. Put it FIRST: entries start in order, and each later entry (your app)
 * is spawned with `STANDIN_URL` already in its environment, as are the test workers.
 * @example
 * webServer: [
 *   standinWebServer({ fixtures: './fixtures' }),
 *   { command: 'OPENAI_BASE_URL=$STANDIN_URL/v1 npm start', url: 'http://127.0.0.1:3000' },
 * ]
 * @see https://playwright.dev/docs/test-webserver
 */
export function standinWebServer(options: StandinWebServerOptions = {}): WebServerEntry {
  const entry: WebServerEntry = {
    command: options.command ?? serveCommand(options),
    name: options.name ?? 'standin',
    // `wait.stdout` reads the listening line whether or not stdout is shown.
    stdout: options.stdout ?? 'ignore',
    wait: { stdout: STANDIN_LISTENING },
    // SIGTERM lets the CLI close its port; SIGKILL follows if it has not exited in time.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    reuseExistingServer: false,
    timeout: options.timeout ?? 30_000,
  }
  if (options.env) entry.env = options.env
  return entry
}

function serveCommand(options: StandinWebServerOptions): string {
  const fixtures = options.fixtures === undefined ? [] : [options.fixtures].flat()
  const args = ['serve', '--port', '0', ...fixtures.flatMap((f) => ['--fixtures', f])]
  if (options.config !== undefined) args.push('--config', options.config)
  if (options.strict !== undefined) args.push(options.strict ? '--strict' : '--no-strict')
  if (options.latency !== undefined) args.push('--latency', String(options.latency))
  if (options.chunkSize !== undefined) args.push('--chunk-size', String(options.chunkSize))
  args.push(...(options.args ?? []))
  return [process.execPath, cliPath(), ...args].map(shellQuote).join(' ')
}

/** The installed package's `bin` (found through its package.json, so it works from dist/ and from source). */
function cliPath(): string {
  // `__filename` is native in the CJS build and shimmed by tsup in the ESM one; `import.meta` would break
  // loaders that compile this file to CommonJS (Playwright's, for one).
  const require = createRequire(__filename)
  const manifest = require.resolve('standin/package.json')
  const bin = (require(manifest) as { bin?: Record<string, string> }).bin?.standin ?? './dist/cli/index.js'
  return join(dirname(manifest), bin)
}

/** POSIX single quotes: the command runs through a shell. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
