/**
 * The command line, parsed with `node:util` `parseArgs` (strict: an unknown flag is an error, never ignored).
 * @module
 */
import { existsSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { StandinError } from '../errors'
import type { RateLimitOptions } from '../ratelimit/options'
import { isRecordMode, RECORD_MODES, type RecordMode } from '../record/modes'
import { RECORD_PROVIDERS, type Upstreams } from '../record/upstreams'
import type { ChaosRates } from '../chaos/rates'
import { STREAMING_PROFILE_NAMES, type StreamingProfileName } from '../streaming/profiles'

/** A command line that cannot be run; the CLI prints it with the usage and exits 2. */
export class UsageError extends StandinError {
  readonly topic: HelpTopic
  constructor(message: string, topic: HelpTopic = 'main') {
    super('STANDIN_USAGE', message)
    this.name = 'UsageError'
    this.topic = topic
  }
}

export type HelpTopic = 'main' | 'serve' | 'validate'

/** The providers with a `--provider-<name> URL` flag (the seed's nine). */
const PROVIDER_FLAGS = RECORD_PROVIDERS.map((name) => [`provider-${name}`, name] as const)

/** `standin serve` flags; absent means "not given" so the config file (then the default) applies. */
export interface ServeFlags {
  fixtures: string[]
  config?: string
  port?: number
  host?: string
  strict?: boolean
  chunkSize?: number
  latency?: number
  /** `--streaming-profile`: the server's default pacing for streams whose fixture sets none. */
  streamingProfile?: StreamingProfileName
  seed?: string
  /** `--chaos-drop`, `--chaos-malformed`, `--chaos-disconnect` (0 to 1). */
  chaos?: ChaosRates
  journalLimit?: number
  journalBytes?: number
  journalBudget?: number
  maxSessions?: number
  sessionIdleTimeout?: number
  /** `--api-key`, repeatable. */
  apiKeys?: string[]
  controlToken?: string
  /** `--allow-origin`, repeatable. */
  allowedOrigins?: string[]
  headersTimeout?: number
  requestTimeout?: number
  keepAliveTimeout?: number
  /** `--record` / `--proxy-only` / `--record-mode`: the record mode asked for. */
  recordMode?: RecordMode
  /** `--provider-<name> URL`: upstream base URLs. */
  upstreams?: Upstreams
  recordErrors?: boolean
  replaySpeed?: number
  /** `--routes`: print every route in the startup report. */
  routes?: boolean
  /** `--log`: one line per request on stdout. */
  log?: boolean
  /** `--metrics`: serve `GET /metrics` (Prometheus). */
  metrics?: boolean
  /** `--rate-limit-requests`, `--rate-limit-tokens`, `--rate-limit-window`, `--rate-limit-scope`, `--no-rate-limit-headers`. */
  rateLimits?: RateLimitOptions
}

export type Invocation =
  | { command: 'help'; topic: HelpTopic }
  | { command: 'version' }
  | { command: 'serve'; flags: ServeFlags }
  | { command: 'validate'; paths: string[] }

const common = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options']

const serveOptions = {
  ...common,
  fixtures: { type: 'string', short: 'f', multiple: true },
  config: { type: 'string', short: 'c' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  strict: { type: 'boolean' },
  'no-strict': { type: 'boolean' },
  'chunk-size': { type: 'string' },
  latency: { type: 'string' },
  'streaming-profile': { type: 'string' },
  seed: { type: 'string' },
  'chaos-drop': { type: 'string' },
  'chaos-malformed': { type: 'string' },
  'chaos-disconnect': { type: 'string' },
  'journal-limit': { type: 'string' },
  'journal-bytes': { type: 'string' },
  'journal-budget': { type: 'string' },
  'max-sessions': { type: 'string' },
  'session-idle-timeout': { type: 'string' },
  'api-key': { type: 'string', multiple: true },
  'control-token': { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  record: { type: 'boolean' },
  'proxy-only': { type: 'boolean' },
  'record-mode': { type: 'string' },
  'record-errors': { type: 'boolean' },
  'replay-speed': { type: 'string' },
  routes: { type: 'boolean' },
  log: { type: 'boolean' },
  metrics: { type: 'boolean' },
  'rate-limit-requests': { type: 'string' },
  'rate-limit-tokens': { type: 'string' },
  'rate-limit-window': { type: 'string' },
  'rate-limit-scope': { type: 'string' },
  'no-rate-limit-headers': { type: 'boolean' },
  ...Object.fromEntries(PROVIDER_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
} satisfies ParseArgsConfig['options']

/** Whole-number flags sizing what the mock keeps, with their least value. */
const LIMIT_FLAGS = [
  ['journal-limit', 'journalLimit', 1],
  ['journal-bytes', 'journalBytes', 1],
  ['journal-budget', 'journalBudget', 1],
  ['max-sessions', 'maxSessions', 1],
  ['session-idle-timeout', 'sessionIdleTimeout', 0],
] as const

const RATE_LIMIT_FLAGS = [
  ['rate-limit-requests', 'requestsPerWindow'],
  ['rate-limit-tokens', 'tokensPerWindow'],
  ['rate-limit-window', 'windowMs'],
] as const

const TIMEOUT_FLAGS = [
  ['headers-timeout', 'headersTimeout'],
  ['request-timeout', 'requestTimeout'],
  ['keep-alive-timeout', 'keepAliveTimeout'],
] as const

/** Flags of the peer's CLIs that mean something else here, with what to use instead. */
const PEER_FLAGS: Record<string, string> = {
  '--journal-max': 'use --journal-limit',
  '--validate-on-load':
    'standin always validates fixtures when it loads them; `standin validate PATH` checks files',
  '--log-level': 'set llm.logLevel in a config file',
  '--watch': 'watching fixtures is not available yet',
  '-w': 'watching fixtures is not available yet',
  '-l': 'use --latency',
}

/** Parses `process.argv.slice(2)`. A missing command means `serve`; throws UsageError. */
export function parseCommandLine(argv: string[]): Invocation {
  const [first, ...rest] = argv
  if (first === 'serve') return parseServe(rest)
  // `standin record ...` is `standin serve --record ...` (record what is missing).
  if (first === 'record') return parseServe(['--record', ...rest])
  if (first === 'validate') return parseValidate(rest)
  if (first === 'help')
    return { command: 'help', topic: rest[0] === 'serve' || rest[0] === 'validate' ? rest[0] : 'main' }
  if (first === undefined || first.startsWith('-')) return parseServe(argv, 'main')
  const hint = existsSync(first) ? `; to serve it: standin serve ${first}` : ''
  throw new UsageError(`unknown command "${first}" (commands: serve, validate${hint})`)
}

function parseServe(args: string[], topic: HelpTopic = 'serve'): Invocation {
  const { values, positionals } = parse(args, serveOptions, topic)
  if (values.help) return { command: 'help', topic }
  if (values.version) return { command: 'version' }
  if (values.strict && values['no-strict'])
    throw new UsageError('--strict and --no-strict cannot be combined', topic)
  if (values.config !== undefined && /^\d+$/.test(values.config)) {
    throw new UsageError(
      `-c is --config (a file), as in aimock; for a chunk size use --chunk-size ${values.config}`,
      topic,
    )
  }
  const flags: ServeFlags = { fixtures: [...(values.fixtures ?? []), ...positionals] }
  if (values.config !== undefined) flags.config = values.config
  if (values.port !== undefined) flags.port = integer('--port', values.port, { min: 0, max: 65535 }, topic)
  if (values.host !== undefined) flags.host = values.host
  if (values.strict || values['no-strict']) flags.strict = values.strict === true
  if (values['chunk-size'] !== undefined)
    flags.chunkSize = integer('--chunk-size', values['chunk-size'], { min: 1 }, topic)
  if (values.latency !== undefined) flags.latency = number('--latency', values.latency, topic)
  const profile = values['streaming-profile']
  if (profile !== undefined) flags.streamingProfile = streamingProfile(profile, topic)
  if (values.seed !== undefined) flags.seed = values.seed
  for (const [flag, name] of CHAOS_FLAGS) {
    const value = values[flag]
    if (value !== undefined) (flags.chaos ??= {})[name] = rate(`--${flag}`, value, topic)
  }
  for (const [flag, name, min] of LIMIT_FLAGS) {
    const value = values[flag]
    if (value !== undefined) flags[name] = integer(`--${flag}`, value, { min }, topic)
  }
  if (values['api-key'] !== undefined) flags.apiKeys = values['api-key']
  if (values['control-token'] !== undefined) flags.controlToken = values['control-token']
  if (values['allow-origin'] !== undefined) flags.allowedOrigins = values['allow-origin']
  for (const [flag, name] of TIMEOUT_FLAGS) {
    const value = values[flag]
    if (value !== undefined) flags[name] = number(`--${flag}`, value, topic)
  }
  if (values.routes) flags.routes = true
  if (values.log) flags.log = true
  if (values.metrics) flags.metrics = true
  parseRecordFlags(values, flags, topic)
  parseRateLimitFlags(values, flags, topic)
  return { command: 'serve', flags }
}

function streamingProfile(value: string, topic: HelpTopic): StreamingProfileName {
  const names: readonly string[] = STREAMING_PROFILE_NAMES
  if (names.includes(value)) return value as StreamingProfileName
  throw new UsageError(
    `--streaming-profile expects one of ${STREAMING_PROFILE_NAMES.join(', ')}, got "${value}"`,
    topic,
  )
}

function parseRateLimitFlags(
  values: Record<string, string | boolean | string[] | undefined>,
  flags: ServeFlags,
  topic: HelpTopic,
): void {
  const rateLimits: RateLimitOptions = {}
  for (const [flag, name] of RATE_LIMIT_FLAGS) {
    const value = values[flag]
    if (typeof value === 'string') rateLimits[name] = integer(`--${flag}`, value, { min: 1 }, topic)
  }
  const scope = values['rate-limit-scope']
  if (typeof scope === 'string') {
    if (scope !== 'session' && scope !== 'global')
      throw new UsageError(`--rate-limit-scope expects session or global, got "${scope}"`, topic)
    rateLimits.scope = scope
  }
  if (values['no-rate-limit-headers']) rateLimits.headers = false
  if (Object.keys(rateLimits).length > 0) flags.rateLimits = rateLimits
}

function parseRecordFlags(
  values: Record<string, string | boolean | string[] | undefined>,
  flags: ServeFlags,
  topic: HelpTopic,
): void {
  const mode = values['record-mode']
  if (typeof mode === 'string') {
    if (!isRecordMode(mode)) {
      throw new UsageError(`--record-mode expects one of ${RECORD_MODES.join(', ')}, got "${mode}"`, topic)
    }
    flags.recordMode = mode
  } else if (values['proxy-only']) flags.recordMode = 'live'
  else if (values.record) flags.recordMode = 'missing'
  if (values['proxy-only'] && values.record) {
    throw new UsageError('--record and --proxy-only cannot be combined (--proxy-only writes nothing)', topic)
  }
  const upstreams: Upstreams = {}
  for (const [flag, provider] of PROVIDER_FLAGS) {
    const value = values[flag]
    if (typeof value !== 'string') continue
    if (!/^https?:\/\/[^/]/.test(value)) {
      throw new UsageError(
        `--${flag} expects an http(s) URL such as https://api.openai.com, got "${value}"`,
        topic,
      )
    }
    upstreams[provider] = value
  }
  if (Object.keys(upstreams).length > 0) flags.upstreams = upstreams
  if (values['record-errors']) flags.recordErrors = true
  const speed = values['replay-speed']
  if (typeof speed === 'string') {
    const parsed = Number(speed)
    if (!(parsed > 0) || !Number.isFinite(parsed)) {
      throw new UsageError(`--replay-speed expects a number > 0 (1 = as recorded), got "${speed}"`, topic)
    }
    flags.replaySpeed = parsed
  }
}

function parseValidate(args: string[]): Invocation {
  const { values, positionals } = parse(args, common, 'validate')
  if (values.help) return { command: 'help', topic: 'validate' }
  if (values.version) return { command: 'version' }
  if (positionals.length === 0)
    throw new UsageError('validate needs at least one fixture file, folder or config', 'validate')
  return { command: 'validate', paths: positionals }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  topic: HelpTopic,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }), topic)
  }
}

function describeParseError(error: Error & { code?: string }): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message
  const flag = /'([^']+)'/.exec(error.message)?.[1] ?? ''
  const name = flag.split('=')[0]!
  const hint =
    PEER_FLAGS[name] ??
    (name.startsWith('--provider-')
      ? `record mode knows ${RECORD_PROVIDERS.map((p) => `--provider-${p}`).join(', ')}`
      : name.startsWith('--chaos-')
        ? 'chaos flags are --chaos-drop, --chaos-malformed and --chaos-disconnect'
        : undefined)
  return `unknown option ${name}${hint ? `: ${hint}` : ''}`
}

function integer(
  flag: string,
  value: string,
  range: { min: number; max?: number },
  topic: HelpTopic,
): number {
  const parsed = Number(value)
  const max = range.max ?? Number.MAX_SAFE_INTEGER
  if (!/^\d+$/.test(value) || parsed < range.min || parsed > max) {
    const bounds = range.max === undefined ? `>= ${range.min}` : `${range.min}-${range.max}`
    throw new UsageError(`${flag} expects a whole number ${bounds}, got "${value}"`, topic)
  }
  return parsed
}

const CHAOS_FLAGS = [
  ['chaos-drop', 'dropRate'],
  ['chaos-malformed', 'malformedRate'],
  ['chaos-disconnect', 'disconnectRate'],
] as const

function rate(flag: string, value: string, topic: HelpTopic): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new UsageError(
      `${flag} expects a rate from 0 to 1 (e.g. 0.1 for 10% of requests), got "${value}"`,
      topic,
    )
  }
  return parsed
}

function number(flag: string, value: string, topic: HelpTopic): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new UsageError(`${flag} expects a number of milliseconds >= 0, got "${value}"`, topic)
  }
  return parsed
}
