/**
 * `standinWebServer()`: a Playwright `webServer` entry that runs `standin serve` on port 0 and publishes
 * its URL as `STANDIN_URL` (a `wait.stdout` named group), for app servers started once by `webServer`.
 * @module
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PlaywrightTestConfig } from '@playwright/test'
import type { RecordProvider, RunnerRecordOption } from 'standin/internal'
import { runnerRecording } from 'standin/internal/runners'

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
  /**
   * Record mode of the mock, for the per-test recordings the tests' sessions ask for (and anything else
   * it forwards): `'replay'` (default), `'missing'`, `'all'`, `'live'`, or record options (`{ mode,
   * upstreams, keys, recordErrors }`; keys reach the mock through its environment, never its command
   * line). `STANDIN_RECORD` wins, `CI=true` replays unless it is set, and `playwright test -u` re-records.
   */
  record?: RunnerRecordOption
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
  const keys = recordKeys(options.record)
  if (options.env || keys) entry.env = { ...keys, ...options.env }
  return entry
}

/**
 * True when the command line asks Playwright to update snapshots (`-u`, `--update-snapshots [all|changed]`),
 * read here because the mock starts before any worker (which would read it from its config).
 */
export function updatesSnapshots(argv: readonly string[] = process.argv): boolean {
  for (let i = 0; i < argv.length; i++) {
    const match = /^(?:-u|--update-snapshots)(?:=(.*))?$/.exec(argv[i]!)
    if (!match) continue
    const next = argv[i + 1]
    const mode =
      match[1] ?? (next && ['all', 'changed', 'missing', 'none', 'default'].includes(next) ? next : 'changed')
    return mode === 'all' || mode === 'changed'
  }
  return false
}

/** `--record-mode` and the record flags of `standin serve`, when the run records or was asked to. */
function recordArgs(option: RunnerRecordOption | undefined): string[] {
  if (option === false) return []
  const { mode, record } = runnerRecording(option, { update: updatesSnapshots() })
  if (option === undefined && mode === 'replay') return []
  const args = ['--record-mode', mode]
  for (const [provider, url] of Object.entries(record.upstreams ?? {}))
    if (url) args.push(`--provider-${provider}`, url)
  if (record.recordErrors) args.push('--record-errors')
  return args
}

/** Upstream keys as the variables the mock reads (`STANDIN_UPSTREAM_<PROVIDER>_KEY`). */
function recordKeys(option: RunnerRecordOption | undefined): Record<string, string> | undefined {
  if (typeof option !== 'object' || !option.keys) return undefined
  const entries = Object.entries(option.keys as Partial<Record<RecordProvider, string>>)
  return Object.fromEntries(
    entries.flatMap(([provider, key]) =>
      key ? [[`STANDIN_UPSTREAM_${provider.toUpperCase()}_KEY`, key]] : [],
    ),
  )
}

function serveCommand(options: StandinWebServerOptions): string {
  const fixtures = options.fixtures === undefined ? [] : [options.fixtures].flat()
  const args = ['serve', '--port', '0', ...fixtures.flatMap((f) => ['--fixtures', f])]
  if (options.config !== undefined) args.push('--config', options.config)
  if (options.strict !== undefined) args.push(options.strict ? '--strict' : '--no-strict')
  if (options.latency !== undefined) args.push('--latency', String(options.latency))
  if (options.chunkSize !== undefined) args.push('--chunk-size', String(options.chunkSize))
  args.push(...recordArgs(options.record))
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
