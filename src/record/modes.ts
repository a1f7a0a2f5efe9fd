/**
 * Record modes, one vocabulary for the CLI, the options, the config and every runner:
 *
 * - `replay` (the default): answer from fixtures and recordings only; a miss fails with the diagnostic and
 *   nothing is ever forwarded.
 * - `missing`: answer what is recorded; forward a miss upstream, relay it and record it.
 * - `all`: re-record: recordings already on disk are not answered from; everything a test sends is
 *   forwarded and its recording replaced.
 * - `live`: pass through: misses are forwarded and journaled, nothing is written and recordings are not
 *   answered from.
 * @module
 */

export const RECORD_MODES = ['replay', 'missing', 'all', 'live'] as const
/** `replay` (the default), `missing`, `all` or `live`: see the module comment. */
export type RecordMode = (typeof RECORD_MODES)[number]

/** The environment variable that sets the mode for every mock in the process tree. */
export const RECORD_ENV = 'STANDIN_RECORD'

export function isRecordMode(value: unknown): value is RecordMode {
  return typeof value === 'string' && (RECORD_MODES as readonly string[]).includes(value)
}

/** Reads `STANDIN_RECORD`: unset or empty is undefined; an unknown value throws, naming the choices. */
export function recordModeFromEnv(env: NodeJS.ProcessEnv = process.env): RecordMode | undefined {
  const value = env[RECORD_ENV]?.trim().toLowerCase()
  if (!value) return undefined
  // `1`/`true` read as "record", the usual meaning of a boolean flag.
  if (value === '1' || value === 'true') return 'missing'
  if (value === '0' || value === 'false') return 'replay'
  if (!isRecordMode(value)) {
    throw new Error(`${RECORD_ENV}=${value} is not a record mode: expected one of ${RECORD_MODES.join(', ')}`)
  }
  return value
}

/** True when CI is set the way CI services set it (`CI=true`, `CI=1`). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * The mode a runner integration uses: `STANDIN_RECORD` first; then, outside CI, the runner's update flag
 * (`vitest -u`, `jest -u`: re-record) and its `record` option; in CI, replay unless `STANDIN_RECORD` says
 * otherwise, so a pipeline never writes or forwards by accident.
 */
export function runnerRecordMode(
  input: { option?: RecordMode | undefined; update?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): RecordMode {
  const fromEnv = recordModeFromEnv(env)
  if (fromEnv) return fromEnv
  if (isCI(env)) return 'replay'
  if (input.update) return 'all'
  return input.option ?? 'replay'
}

/** Forwards misses upstream. */
export function forwards(mode: RecordMode): boolean {
  return mode !== 'replay'
}

/** Writes what it forwarded. */
export function writes(mode: RecordMode): boolean {
  return mode === 'missing' || mode === 'all'
}

/** Answers from recordings already on disk. */
export function replaysRecordings(mode: RecordMode): boolean {
  return mode === 'replay' || mode === 'missing'
}
