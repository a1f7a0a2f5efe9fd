/**
 * `standin/internal/runners`: the part of the runner plumbing a runner's main process needs (the
 * `record` option, obsolete recordings, the fixture-usage folder and report), without the engine. A
 * Vitest config importing the plugin, or Jest's reporter, loads this instead of `standin/internal`, whose
 * engine only test workers need. Not a public API. Stateless functions: the copy the engine holds (the
 * same files, re-exported by `standin/internal`) behaves the same.
 * @module
 */
export { RECORDINGS_FOLDER } from './recording-files'
export {
  findObsoleteRecordings,
  removeObsoleteRecordings,
  formatObsoleteRecordings,
  obsoleteCount,
} from './obsolete-recordings'
export type { RanTestFile, ObsoleteRecordings } from './obsolete-recordings'
export { runnerRecording } from './record-option'
export type { RunnerRecordOption, RunnerRecording } from './record-option'
export { USAGE_DIR_ENV, createUsageDir, finishUsageReport } from './fixture-usage'
export type { UnusedFixturesOption, UsageReport, UsageReportOptions } from './fixture-usage'
