/**
 * The `record` option every runner integration takes, and what it turns into: the mode (by
 * `runnerRecordMode`: `STANDIN_RECORD`, then CI, then the runner's update flag, then the option) and the
 * record options handed to `createStandin()`.
 * @module
 */
import { existsSync } from 'node:fs'
import { replaysRecordings, runnerRecordMode, writes, type RecordMode } from '../record/modes'
import type { RecordOptions } from '../record/recorder'
import { recordingsFolderOf } from './recording-files'

/**
 * Per-test recordings: a mode (`'replay'`, the default, `'missing'`, `'all'` or `'live'`), or record
 * options (`mode`, `upstreams`, `keys`, `recordErrors`, ...), or `false` for no per-test recordings at all.
 */
export type RunnerRecordOption = RecordMode | RecordOptions | false

export interface RunnerRecording {
  /** False when the option is `false`: tests get no recording file. */
  perTest: boolean
  mode: RecordMode
  /** For `createStandin({ record })`, the mode in it already decided. */
  record: RecordOptions
}

/**
 * Decides the mode for a run. `update` is the runner's update flag (`vitest -u`, `jest -u`,
 * `playwright test -u`); `ci` says the runner itself knows it runs in CI (Jest's `--ci`), on top of `CI=true`.
 */
export function runnerRecording(
  option: RunnerRecordOption | undefined,
  flags: { update?: boolean; ci?: boolean } = {},
  env: NodeJS.ProcessEnv = process.env,
): RunnerRecording {
  const given: RecordOptions = typeof option === 'object' ? option : {}
  const asked = typeof option === 'string' ? option : given.mode
  const mode = runnerRecordMode(
    { option: asked, update: flags.update === true },
    flags.ci ? { ...env, CI: 'true' } : env,
  )
  return { perTest: option !== false, mode, record: { ...given, mode } }
}

/**
 * Whether the tests of `testFile` need their recording files in `mode`: a mode that writes records into
 * them; one that only replays reads them, and there are none to read when the file has no recordings
 * folder (then its tests are given none, which answers and records exactly the same, without a look for
 * each test's file).
 */
export function testRecordingsNeeded(mode: RecordMode, testFile: string): boolean {
  if (writes(mode)) return true
  return replaysRecordings(mode) && existsSync(recordingsFolderOf(testFile))
}
