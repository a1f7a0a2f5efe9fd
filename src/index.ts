/**
 * standin: stands in for every AI service a test suite touches. This entry holds what a `createStandin`
 * user needs; the protocol servers live on `standin/mcp`, `standin/a2a` and `standin/agui`, and the runner
 * integrations on `standin/vitest`, `standin/jest`, `standin/playwright` and `standin/msw`.
 * @example
 * import { createStandin } from 'standin'
 * const mock = createStandin({ fixtures: './fixtures' })
 * const { url } = await mock.listen()
 * @module
 */
export {
  createStandin,
  defineFixtures,
  StandinError,
  FixtureError,
  ConfigError,
  WireError,
  ChaosRateError,
  loadFixtureFiles,
  parseFixtureText,
  matchers,
  applyProviderEnv,
  providerEnv,
  PROVIDER_ENV,
  STANDIN_SESSION_HEADER,
  fixtureJsonSchema,
  configJsonSchema,
  RECORD_MODES,
  RECORD_PROVIDERS,
} from './internal'
export type {
  RecordMode,
  RecordOptions,
  RateLimitOptions,
  RecordingInfo,
  RecordProvider,
  Upstreams,
  UpstreamNote,
  Standin,
  StandinOptions,
  StandinSession,
  FixtureMethods,
  EngineOptions,
  AuthOptions,
  ConnectionTimeouts,
  ListenOptions,
  RunningServer,
  FixtureIssue,
  FixtureFile,
  FixtureEntry,
  FixtureMatch,
  FixtureResponse,
  FixtureOpts,
  ResponseFactory,
  Fixture,
  FixtureUsage,
  UnusedFixturesOption,
  JournalEntry,
  JournalResponse,
  JournalFilter,
  JournalView,
  ClearableJournal,
  NoMatchDiagnostic,
  NearMiss,
  FieldMismatch,
  MatcherResult,
  MatcherSubject,
  StandinMatcherName,
  ToolUse,
  MountSurface,
  MountContext,
  MountReply,
  MountCall,
  StandinConfig,
  ChaosRates,
  ChaosAction,
} from './internal'
export type * from './canonical'
