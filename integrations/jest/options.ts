/**
 * The options of the Jest integration: what `withStandin(config, options)` puts in
 * `testEnvironmentOptions.standin`, merged with a test file's docblock pragmas.
 * @module
 */
import { dirname, resolve } from 'node:path'
import type { RunnerRecordOption, UnusedFixturesOption } from 'standin/internal'
import type { LiveCallsMode } from '../live-guard/mode'

/** Options for `withStandin(config, options)`; they travel to every worker as JSON. */
export interface StandinJestOptions {
  /** Fixture files or folders loaded into every test file's mock, relative to the Jest `rootDir`. */
  fixtures?: string | string[]
  /**
   * A config file in the seed's one-port format (`aimock.json`), relative to the Jest `rootDir`: its LLM
   * fixtures and the MCP, AG-UI and A2A servers it describes, on every test file's mock.
   */
  config?: string
  /** Misses answer 503 instead of 404. Default: true when `CI=true`. */
  strict?: boolean
  /** Which provider variables to set (`OPENAI_BASE_URL`, ...): all by default, a list of names, or none. */
  env?: string[] | false
  /** Milliseconds before each streamed chunk. */
  latency?: number
  /** Characters per streamed chunk. */
  chunkSize?: number
  /** Makes ids and timestamps reproducible. */
  seed?: string | number
  /** Journal cap per test file. */
  journalLimit?: number
  /** `'print'` (default) prints the failing test's journal; `'off'` does not. */
  onFailure?: 'print' | 'off'
  /**
   * A request from a test to a real provider host: `'fail'` (default) blocks it and fails the test,
   * `'warn'` prints why and lets it go, `'off'` does not look. `STANDIN_LIVE_CALLS` wins;
   * `allowLiveCalls()` lets one test through.
   */
  liveCalls?: LiveCallsMode
  /**
   * Per-test recordings (`__recordings__/<test file>/<title path>.json` beside each test file, replayed
   * into that test's session): `'replay'` (default: never forward), `'missing'` (record what no fixture
   * or recording answers), `'all'` (re-record), `'live'` (forward, write nothing); or record options
   * (`{ mode, upstreams, keys, recordErrors }`); or `false` for no per-test files. `STANDIN_RECORD` wins,
   * CI (`CI=true`, `--ci`) means replay unless it is set, and `jest -u` means `'all'`.
   */
  record?: RunnerRecordOption
  /**
   * The fixture-usage report at the end of the run (by `standin/jest/reporter`): `'report'` (default)
   * lists the loaded fixtures no test used, `'fail'` also fails a run that ran every test, `'off'` says nothing.
   */
  unusedFixtures?: UnusedFixturesOption
}

/** Options after merging config and pragmas; fixture paths are absolute. */
export interface ResolvedJestOptions extends Omit<StandinJestOptions, 'fixtures'> {
  fixtures: string[]
}

export interface ResolveInput {
  options: StandinJestOptions | undefined
  rootDir: string
  testPath: string
  pragmas: Record<string, string | string[]>
}

/**
 * Config fixtures resolve against `rootDir`; `@standin-fixtures` pragmas against the test file, so a file
 * can name its own fixtures: `/** @standin-fixtures ./search.json *\/`.
 */
export function resolveJestOptions({
  options = {},
  rootDir,
  testPath,
  pragmas,
}: ResolveInput): ResolvedJestOptions {
  const configured = toList(options.fixtures).map((path) => resolve(rootDir, path))
  const perFile = pragmaWords(pragmas['standin-fixtures']).map((path) => resolve(dirname(testPath), path))
  const strict =
    pragmas['standin-strict'] === undefined ? options.strict : pragmaFlag(pragmas['standin-strict'])
  const config = options.config === undefined ? undefined : resolve(rootDir, options.config)
  const { record } = options
  const resolved: ResolvedJestOptions = {
    ...options,
    strict,
    fixtures: [...configured, ...perFile],
    ...(config && { config }),
  }
  if (typeof record === 'object' && record.dir !== undefined)
    resolved.record = { ...record, dir: resolve(rootDir, record.dir) }
  return resolved
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** A pragma given once is a string, given on several lines an array; each may list several words. */
function pragmaWords(value: string | string[] | undefined): string[] {
  return toList(value).flatMap((line) => line.split(/\s+/).filter(Boolean))
}

/** `@standin-strict` alone means true; `@standin-strict false` turns it off. */
function pragmaFlag(value: string | string[]): boolean {
  const last = (Array.isArray(value) ? value[value.length - 1] : value)?.trim() ?? ''
  return last !== 'false' && last !== '0'
}
