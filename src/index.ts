/**
 * standin: stands in for every AI service a test suite touches.
 * @module
 */
export { createStandin, defineFixtures } from './standin'
export type { Standin, StandinOptions, StandinSession, FixtureMethods } from './standin'
export type { EngineOptions } from './engine'
export type { ListenOptions, RunningServer } from './server/node-server'
export { StandinError, FixtureError, ConfigError, WireError } from './errors'
export type { FixtureIssue } from './errors'
export type {
  FixtureFile,
  FixtureEntry,
  FixtureMatch,
  FixtureResponse,
  FixtureOpts,
  ResponseFactory,
} from './fixtures/schema'
export type { Fixture } from './fixtures/fixture'
export { loadFixtureFiles, parseFixtureText } from './fixtures/load'
export type { JournalEntry, JournalResponse, JournalFilter, JournalView } from './journal/journal'
export type { NoMatchDiagnostic, NearMiss, FieldMismatch } from './matching/diagnose'
export type * from './canonical'
export { resultText, resultToolCalls } from './canonical'
export { withSession, STANDIN_SESSION_HEADER } from './core/session-context'
export { fixtureJsonSchema } from './fixtures/json-schema'
export { matchers, toSubject, matchesPartial } from './matchers'
export type { MatcherResult, MatcherSubject, StandinMatcherName, ToolUse } from './matchers'
export { formatJournal, formatEntry } from './journal/format'
export { providerEnv, applyProviderEnv, PROVIDER_ENV } from './env'
export { configSchema, configJsonSchema } from './config/config-file'
export type { MountSurface, MountContext, MountReply, MountCall } from './mounts/mount'
// The MCP mock (also published alone as `standin/mcp`); its entry file is the curated list.
export * from './mcp'
// The AG-UI mock (also published alone as `standin/agui`).
export * from './agui'
// The A2A mock (also published alone as `standin/a2a`).
export * from './a2a'
export type { StandinConfig } from './config/config-file'
