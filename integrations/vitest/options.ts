/**
 * The plugin's options, and the keys under which they travel from the config process to the workers
 * (`provide`/`inject` carry only serialisable values, so options are plain data).
 * @module
 */
import { isAbsolute, resolve } from 'node:path'
import type { StandinOptions } from 'standin/internal'
import type { RunnerRecordOption, UnusedFixturesOption } from 'standin/internal/runners'
import { engine } from '../engine'
import type { LiveCallsMode } from '../live-guard'

export interface StandinVitestOptions extends Omit<StandinOptions, 'record'> {
  /**
   * Per-test recordings (`__recordings__/<test file>/<title path>.json` beside each test file, replayed
   * into that test's session): `'replay'` (default: never forward), `'missing'` (record what no fixture
   * or recording answers), `'all'` (re-record), `'live'` (forward, write nothing); or record options
   * (`{ mode, upstreams, keys, recordErrors }`); or `false` for no per-test files. `STANDIN_RECORD` wins,
   * `CI=true` means replay unless it is set, and `vitest -u` means `'all'`.
   * @example standin({ fixtures: './fixtures', record: 'missing' })
   */
  record?: RunnerRecordOption
  /**
   * `'worker'` (default): one mock per test worker on port 0, its journal read synchronously by the
   * matchers. `'shared'` adds one mock started by the globalSetup, for processes started once (an app
   * server your own globalSetup launches); its URL is `inject('standin:sharedUrl')`.
   */
  mode?: 'worker' | 'shared'
  /**
   * Which provider variables to set (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, ...; `STANDIN_URL` is always
   * set). Default: all of them. `false` sets none.
   */
  env?: string[] | false
  /** `'print'` (default) prints a failing test's journal under the test; `'off'` does not. */
  onFailure?: 'print' | 'off'
  /**
   * The fixture-usage report at the end of a run: `'report'` (default) lists the loaded fixtures no test
   * used, `'fail'` also fails a run that ran every test, `'off'` says nothing.
   */
  unusedFixtures?: UnusedFixturesOption
  /**
   * A request from a test to a real provider host (api.openai.com, api.anthropic.com, ...): `'fail'`
   * (default) blocks it and fails the test, `'warn'` prints why and lets it go, `'off'` does not look.
   * `STANDIN_LIVE_CALLS` wins; `allowLiveCalls()` lets one test through.
   */
  liveCalls?: LiveCallsMode
}

/** `provide` key of the options, fixture paths made absolute against the project root. */
export const OPTIONS_KEY = 'standin:options'
/** `provide` key: true when the run updates snapshots (`vitest -u`), read if the worker's config is not. */
export const UPDATE_KEY = 'standin:update'
/** `provide` key of the shared mock's base URL (mode `'shared'` only). */
export const SHARED_URL_KEY = 'standin:sharedUrl'
/**
 * `provide` key: true when test files share a worker's module cache, so the worker's mock must outlive
 * each file (a module that read `OPENAI_BASE_URL` when it loaded keeps that URL).
 */
export const REUSED_WORKER_KEY = 'standin:reusedWorker'
/** `provide` key of the run's fixture-usage folder, where each worker writes what its mock served. */
export const USAGE_KEY = 'standin:usageDir'

/** Files share loaded modules with `isolate: false`, and in the vm pools (a new global per file, same modules). */
export function reusesWorker(config: { isolate: boolean; pool: string }): boolean {
  return !config.isolate || config.pool.startsWith('vm')
}

/** Makes fixture and config paths absolute: workers do not run from the project root. */
export function resolveOptions(options: StandinVitestOptions, root: string): StandinVitestOptions {
  const { fixtures, config, record } = options
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(root, path))
  const resolved = { ...options }
  if (fixtures !== undefined)
    resolved.fixtures = Array.isArray(fixtures) ? fixtures.map(absolute) : absolute(fixtures)
  if (config !== undefined) resolved.config = absolute(config)
  if (typeof record === 'object' && record.dir !== undefined)
    resolved.record = { ...record, dir: absolute(record.dir) }
  return resolved
}

/**
 * The options `createStandin()` understands (the rest are the plugin's own), with the record mode this
 * run uses (`update`: the run updates snapshots).
 */
export function engineOptions(options: StandinVitestOptions, update: boolean): StandinOptions {
  const {
    mode: _mode,
    env: _env,
    onFailure: _onFailure,
    unusedFixtures: _unused,
    liveCalls: _liveCalls,
    record,
    ...rest
  } = options
  return { ...rest, record: engine().runnerRecording(record, { update }).record }
}

/** Applies the `env` option: the names to pass to `applyProviderEnv`, or null when none should be set. */
export function envNames(options: StandinVitestOptions): string[] | undefined | null {
  if (options.env === false) return null
  return options.env
}
