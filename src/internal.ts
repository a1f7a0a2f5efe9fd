/**
 * `standin/internal`: everything the published entries share at run time (one engine module, one set of
 * error classes): the root entry's names, the protocol servers behind `standin/mcp`, `standin/a2a` and
 * `standin/agui`, and the plumbing the runner integrations use. Not a public API: it may change in any
 * release. Users import `standin` and its subpaths.
 * @module
 */
export { createStandin, defineFixtures } from './standin'
export type { Standin, StandinOptions, StandinSession, FixtureMethods } from './standin'
export type { EngineOptions } from './engine'
export type { StreamingProfile, StreamingProfileName, StreamingTiming } from './streaming/profiles'
export type { ClearableJournal } from './journal/journal'
export type { SessionLimits } from './sessions/session-registry'
export type { AuthOptions } from './security/inbound-auth'
export type { ConnectionTimeouts } from './transports/connection-timeouts'
export type { ListenOptions, RunningServer } from './transports/node-server'
export { StandinError, FixtureError, ConfigError, WireError } from './errors'
export type { FixtureIssue } from './errors'
export { ChaosRateError, type ChaosAction, type ChaosRates } from './chaos'
export type {
  FixtureFile,
  FixtureEntry,
  FixtureMatch,
  FixtureResponse,
  FixtureOpts,
  ResponseFactory,
  SearchHitInput,
  SearchInput,
  ExtractInput,
  RerankInput,
  ModerationInput,
} from './fixtures/schema'
export type { ServiceDefaults } from './services/service-result'
export type { Fixture } from './fixtures/fixture'
export type { FixtureUsage } from './engine/fixture-usage'
export { loadFixtureFiles, parseFixtureText } from './fixtures/load'
export type { JournalEntry, JournalResponse, JournalFilter, JournalView } from './journal/journal'
export type { NoMatchDiagnostic, NearMiss, FieldMismatch } from './matching/diagnose'
export type * from './canonical'
export { resultText, resultToolCalls } from './canonical'
export { withSession, STANDIN_SESSION_HEADER } from './core/session-context'
export { fixtureJsonSchema } from './fixtures/json-schema'
export { matchers, toSubject, matchesPartial } from './assertions'
export type { MatcherResult, MatcherSubject, StandinMatcherName, ToolUse } from './assertions'
export { formatJournal, formatEntry } from './journal/format'
export { journalPageHtml, type JournalPageOptions } from './control/journal-page'
export { providerEnv, applyProviderEnv, PROVIDER_ENV } from './env'
// The live-call guard shows URLs redacted and lets the recorder's forwards through.
export { redactUrl } from './security/redact'
export { FORWARDED_HEADER } from './record/recorder'
export { configSchema, configJsonSchema } from './config/config-file'
export type { MountSurface, MountContext, MountReply, MountCall } from './protocols/mounts/mount'
export type {
  CannedQuery,
  CannedResults,
  CollectionOptions,
  VectorMatch,
  VectorMetric,
  VectorRecord,
} from './vector/types'
// The MCP mock (also published alone as `standin/mcp`); its entry file is the curated list.
export * from './protocols/mcp'
// The AG-UI mock (also published alone as `standin/agui`).
export * from './protocols/agui'
// The A2A mock (also published alone as `standin/a2a`).
export * from './protocols/a2a'
export type { StandinConfig } from './config/config-file'
// Record & replay: modes, the runner's mode rule, what a session's recording file is.
export {
  RECORD_MODES,
  RECORD_ENV,
  isRecordMode,
  recordModeFromEnv,
  runnerRecordMode,
  isCI,
} from './record/modes'
export type { RecordMode } from './record/modes'
export type { RecordOptions, RecordingInfo } from './record/recorder'
export type { RateLimitOptions } from './ratelimit/options'
export { RECORD_PROVIDERS } from './record/upstreams'
export { spokenAudio } from './providers/openai/realtime/audio'
export { standinAgent } from './websocket/agent'
export { WS_CLOSE } from './websocket/surface'
export type { WebSocketAnswer, WebSocketRequest } from './websocket/in-process'
export type { WsSocket, WsPeer } from './websocket/socket'
export type { RecordProvider, Upstreams } from './record/upstreams'
export type { UpstreamNote } from './journal/journal'
// Per-test recordings in the runners: where each test's file is, obsolete ones, the `record` option.
export {
  RECORDINGS_FOLDER,
  TITLE_SEPARATOR,
  recordingsFolderOf,
  recordingFilesOf,
  recordingFileOf,
} from './runners/recording-files'
export {
  findObsoleteRecordings,
  removeObsoleteRecordings,
  formatObsoleteRecordings,
  obsoleteCount,
  removeUnusedRecording,
} from './runners/obsolete-recordings'
export type { RanTestFile, ObsoleteRecordings } from './runners/obsolete-recordings'
export { runnerRecording, testRecordingsNeeded } from './runners/record-option'
export type { RunnerRecordOption, RunnerRecording } from './runners/record-option'
// The fixture-usage report: each worker's counts written to the run's folder, merged and printed.
export {
  USAGE_DIR_ENV,
  createUsageDir,
  removeUsageDir,
  writeWorkerUsage,
  readRunUsage,
  usageReport,
  finishUsageReport,
} from './runners/fixture-usage'
export type { UnusedFixturesOption, UsageReport, UsageReportOptions } from './runners/fixture-usage'
