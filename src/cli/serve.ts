/**
 * `standin serve`: load fixtures (flags, else the config, else the bundled examples), listen, print the
 * listening line, then what a person needs to use it. SIGINT and SIGTERM close the server and exit 0.
 * @module
 */
import type { RateLimitOptions } from '../ratelimit/options'
import { dirname, join, resolve } from 'node:path'
import { configRecordOptions } from '../config/record-section'
import type { RecordOptions } from '../record/recorder'
import type { EngineOptions } from '../engine'
import { mountConfigured } from '../config/configured-mounts'
import { createStandin } from '../standin'
import type { ServeFlags } from './args'
import { loadConfig, type ConfigNotice, type LoadedConfig } from '../config/config-file'
import type { ListenOptions } from '../transports/node-server'
import { resolveServeAuth } from './serve-auth'
import { BUNDLED_FIXTURES } from './package-info'
import { logLine } from './request-log'
import { startupReport, type FixtureSource } from './startup-report'
import type { JournalEntry } from '../journal/journal'

export type LogLevel = 'silent' | 'warn' | 'info' | 'debug'

/** Everything `serve` needs, after flags override the config and the config overrides the defaults. */
export interface ServeSettings {
  fixtures: string[]
  fixtureSource: FixtureSource
  listen: ListenOptions & { port: number; host: string }
  engine: EngineOptions
  config: LoadedConfig | undefined
  notices: ConfigNotice[]
  logLevel: LogLevel
  /** Record & replay as the flags, then the config, ask (STANDIN_RECORD still wins when the mock starts). */
  record: RecordOptions | undefined
  /** `--routes`: the startup report lists every route. */
  routes: boolean
  /** `--log`: one line per request. */
  log: boolean
  /** `--rate-limit-*` over the config's `llm.rateLimits`. */
  rateLimits: RateLimitOptions | undefined
}

export function resolveServeSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const config = flags.config === undefined ? undefined : loadConfig(resolve(flags.config))
  const c = config?.config
  const notices = [...(config?.notices ?? [])]
  let fixtures = [BUNDLED_FIXTURES]
  let fixtureSource: FixtureSource = 'bundled'
  if (flags.fixtures.length > 0) {
    fixtures = flags.fixtures
    fixtureSource = 'flags'
    if (config && config.fixtures.length > 0) {
      notices.push({
        path: 'llm.fixtures',
        message: 'replaced by the --fixtures given on the command line',
        kind: 'note',
      })
    }
  } else if (config) {
    fixtures = config.fixtures
    fixtureSource = 'config'
  }
  return {
    fixtures,
    fixtureSource,
    listen: {
      port: flags.port ?? c?.port ?? 0,
      host: flags.host ?? c?.host ?? '127.0.0.1',
      headersTimeout: flags.headersTimeout,
      requestTimeout: flags.requestTimeout,
      keepAliveTimeout: flags.keepAliveTimeout,
    },
    engine: {
      strict: flags.strict ?? c?.strict,
      chunkSize: flags.chunkSize ?? c?.llm?.chunkSize,
      latency: flags.latency ?? c?.llm?.latency,
      streamingProfile: flags.streamingProfile ?? c?.llm?.streamingProfile,
      seed: flags.seed,
      chaos: flags.chaos ?? c?.llm?.chaos,
      journalLimit: flags.journalLimit,
      journalBytes: flags.journalBytes,
      journalBudget: flags.journalBudget,
      maxSessions: flags.maxSessions,
      sessionIdleTimeout: flags.sessionIdleTimeout,
      auth: resolveServeAuth(flags, c?.auth, env),
      allowedOrigins: flags.allowedOrigins,
      replaySpeed: flags.replaySpeed ?? c?.llm?.replaySpeed,
      metrics: flags.metrics ?? !!c?.metrics,
      services: c?.services,
    },
    rateLimits:
      flags.rateLimits || c?.llm?.rateLimits ? { ...c?.llm?.rateLimits, ...flags.rateLimits } : undefined,
    config,
    notices,
    logLevel: c?.llm?.logLevel ?? 'info',
    record: recordSettings(flags, c, fixtures, fixtureSource),
    routes: flags.routes === true,
    log: flags.log === true,
  }
}

function recordSettings(
  flags: ServeFlags,
  config: LoadedConfig['config'] | undefined,
  fixtures: string[],
  source: FixtureSource,
): RecordOptions | undefined {
  const fromConfig = configRecordOptions(config)
  if (!fromConfig && !flags.recordMode && !flags.upstreams && !flags.recordErrors) return undefined
  const options: RecordOptions = { ...fromConfig }
  // Without --record a mock replays (the seed ignores --provider-* then); STANDIN_RECORD may still ask.
  options.mode = flags.recordMode ?? fromConfig?.mode ?? (fromConfig ? 'missing' : 'replay')
  if (flags.upstreams) options.upstreams = { ...fromConfig?.upstreams, ...flags.upstreams }
  if (flags.recordErrors) options.recordErrors = true
  // Recordings go beside the fixtures given, never into the bundled examples inside the package.
  if (!options.dir) {
    const first = source === 'bundled' ? 'fixtures' : fixtures[0]!
    options.dir = join(/\.json$/i.test(first) ? dirname(first) : first, 'recorded')
  }
  return options
}

/** Runs until SIGINT/SIGTERM. Throws ConfigError/FixtureError before listening when the input is bad. */
export async function serve(flags: ServeFlags): Promise<void> {
  const settings = resolveServeSettings(flags)
  const mock = createStandin({
    ...settings.engine,
    ...(settings.record ? { record: settings.record } : {}),
    ...(settings.rateLimits ? { rateLimits: settings.rateLimits } : {}),
    ...(settings.log
      ? { onJournalEntry: (entry: JournalEntry) => process.stdout.write(`${logLine(entry)}\n`) }
      : {}),
  })
  if (settings.config) mountConfigured(mock, settings.config)
  const loaded = mock.loadFixtures(settings.fixtures)
  const server = await mock.listen(settings.listen)
  // Before the listening line: whoever reads it may signal at once.
  // Recordings in flight are written before the process exits.
  const stop = () =>
    void server
      .close()
      .then(() => mock.recordings.flush())
      .finally(() => {
        if (settings.logLevel !== 'silent') process.stdout.write('standin stopped\n')
        process.exit(0)
      })
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // A reader that stops after the listening line (`| grep -m1 listening`) must not take the server down.
  process.stdout.on('error', () => {})
  // The one machine-readable line (Playwright's webServer `wait.stdout`, scripts): keep its wording stable.
  process.stdout.write(`standin listening on ${server.url}\n`)
  const report = startupReport({
    url: server.url,
    loaded,
    settings,
    strict: mock.strict,
    recordMode: mock.recordMode,
  })
  if (report.length > 0) process.stdout.write(`\n${report.join('\n')}\n`)
}
