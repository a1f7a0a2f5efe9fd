/**
 * The config file: the seed's one-port format (`aimock.json`), every section of the peer's schema. Sections
 * for surfaces standin does not serve yet are validated loosely (as objects) and reported at startup as
 * "accepted, not yet served", never dropped silently. Paths are relative to the config file's folder.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import type { z } from 'zod'
import { lazySchemas, zod } from '../core/zod'
import { recordSchemas } from './record-section'
import { ConfigError, type FixtureIssue } from '../errors'
import { jsonPath, toFixtureIssues } from '../fixtures/issues'
import { fixtureSchemas } from '../fixtures/schema'
import { resolveMcpConfig, type ResolvedMcpConfig, mcpConfigSchemas } from '../protocols/mcp/config'
import { resolveAguiConfig, type ResolvedAguiConfig, aguiConfigSchemas } from '../protocols/agui/config'
import { resolveA2aConfig, type ResolvedA2aConfig, a2aConfigSchemas } from '../protocols/a2a/config'
import { resolveVectorConfig, type ResolvedVectorConfig, vectorSchemas } from '../vector/config'

export const configSchemas = lazySchemas((z) => {
  const fixturePaths = z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1, 'expected at least one path')])
    .describe('Fixture files or folders, relative to this config file.')

  /**
   * Where a quota counts. Named, so the published types print this alias: an inline enum's members were printed
   * in an order that varied between builds, which made the API report check flaky.
   */
  const rateLimitScope: z.ZodType<RateLimitScope> = z.enum(['session', 'global'])
  const rateLimitsSchema = z
    .strictObject({
      requestsPerWindow: z.number().int().positive().describe('Requests per window; then a 429.').optional(),
      tokensPerWindow: z.number().int().positive().describe('Tokens per window; then a 429.').optional(),
      windowMs: z
        .number()
        .int()
        .positive()
        .describe('Window length in milliseconds (default 60000).')
        .optional(),
      scope: rateLimitScope.describe('Count per session (default) or for the whole mock.').optional(),
      headers: z.boolean().describe("Send the providers' rate-limit headers (default true).").optional(),
    })
    .describe('Provider rate-limit headers and an optional quota answering 429.')

  const llmSchema = z
    .strictObject({
      fixtures: fixturePaths.optional(),
      latency: z.number().nonnegative().describe('Milliseconds before each streamed chunk.').optional(),
      chunkSize: z
        .number()
        .int()
        .positive()
        .describe('Characters per streamed chunk (default 20).')
        .optional(),
      streamingProfile: fixtureSchemas().streamingProfileSchema.optional(),
      replaySpeed: z
        .number()
        .positive()
        .describe("Divides every delay; also replays recordings' recordedTimings at that speed.")
        .optional(),
      logLevel: z
        .enum(['silent', 'warn', 'info', 'debug'])
        .describe('How much `standin serve` prints: silent prints only the listening line.')
        .optional(),
      providers: z
        .array(z.string())
        .describe("Providers to serve (the seed article's key); standin serves every provider it implements.")
        .optional(),
      chaos: z
        .strictObject({
          dropRate: z.number().min(0).max(1).optional(),
          malformedRate: z.number().min(0).max(1).optional(),
          disconnectRate: z.number().min(0).max(1).optional(),
        })
        .describe(
          'Server-wide chaos rates (0 to 1): drop (HTTP 500), malformed (HTTP 200, not JSON), disconnect.',
        )
        .optional(),
      record: recordSchemas().recordSectionSchema.optional(),
      rateLimits: rateLimitsSchema.optional(),
    })
    .describe('The LLM mock: fixtures and streaming options.')

  /** Strict: a misspelt key must not leave a server open that its config says is closed. */
  const authSchema = z
    .strictObject({
      apiKeys: z
        .array(z.string().trim().min(1, 'expected a non-empty key'))
        .min(1, 'expected at least one key (leave auth.apiKeys out for no check)')
        .describe(
          'Keys provider routes and mounts require, in any carrier an SDK uses (Authorization: Bearer, x-api-key, x-goog-api-key, api-key, ?key=); AWS SigV4 requests match by access key id.',
        )
        .optional(),
      controlToken: z
        .string()
        .trim()
        .min(1, 'expected a non-empty token')
        .describe(
          'The token the control API (/__standin/*) requires, as Authorization: Bearer or x-standin-token.',
        )
        .optional(),
    })
    .describe(
      'Inbound credentials (opt-in): API keys for provider routes and mounts, a token for the control API.',
    )

  /** The config file schema (zod): the source of the `StandinConfig` type, validation and its JSON Schema. */
  const configSchema = z
    .strictObject({
      $schema: z.string().optional(),
      llm: llmSchema.optional(),
      mcp: mcpConfigSchemas().mcpConfigSchema.optional(),
      a2a: a2aConfigSchemas().a2aConfigSchema.optional(),
      agui: aguiConfigSchemas().aguiConfigSchema.optional(),
      vector: vectorSchemas().vectorConfigSchema.optional(),
      services: z
        .strictObject({
          search: z
            .boolean()
            .describe('Searches (Tavily /search, /extract) no fixture matches get no results (not a miss).')
            .optional(),
          rerank: z
            .boolean()
            .describe('Reranks no fixture matches are ranked by query-term overlap, in strict mode too.')
            .optional(),
          moderate: z
            .boolean()
            .describe('Moderations no fixture matches are unflagged, in strict mode too.')
            .optional(),
        })
        .describe(
          'Catch-all answers for the search, rerank and moderation services (served on the same port).',
        )
        .optional(),
      metrics: z
        .union([z.boolean(), z.looseObject({})])
        .describe('Serve GET /metrics in Prometheus text format (an object turns it on as true does).')
        .optional(),
      strict: z.boolean().describe('Misses answer 503 instead of 404 (default: on when CI=true).').optional(),
      port: z.number().int().min(0).max(65535).describe('Port to listen on (0: any free port).').optional(),
      host: z.string().min(1).describe('Host to bind (default 127.0.0.1).').optional(),
      auth: authSchema.optional(),
      record: recordSchemas().recordSectionSchema.optional(),
    })
    .describe("standin config: the seed's one-port aimock.json format.")

  return { fixturePaths, rateLimitScope, rateLimitsSchema, llmSchema, authSchema, configSchema }
})

type ConfigSchemas = ReturnType<typeof configSchemas>

/** The config file's schema (zod loads on the first call). */
export function configSchema(): ConfigSchemas['configSchema'] {
  return configSchemas().configSchema
}
type RateLimitScope = 'session' | 'global'

/** A config file as written on disk. */
export type StandinConfig = z.input<ConfigSchemas['configSchema']>

/** The JSON Schema (draft 2020-12) of the config file, for editor completion. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = zod().toJSONSchema(configSchemas().configSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return {
    ...schema,
    $id: 'https://unpkg.com/standin/schema/config.schema.json',
    title: 'standin config file',
  }
}

/** Something the config asks for that standin accepts but does not do yet, or a note on how it was read. */
export interface ConfigNotice {
  /** JSON path in the config, e.g. `mcp` or `llm.chaos`. */
  path: string
  message: string
  kind: 'not-served' | 'note'
}

export interface LoadedConfig {
  /** The config file as shown to people (relative to the working folder). */
  file: string
  config: z.output<ConfigSchemas['configSchema']>
  /** `llm.fixtures` resolved to paths. */
  fixtures: string[]
  /** The `mcp` section with its files read: what to mount, and where. */
  mcp?: ResolvedMcpConfig
  /** The `agui` section with its fixture file read: what to mount, and where. */
  agui?: ResolvedAguiConfig
  /** The `a2a` section with its agents file read: what to mount, and where. */
  a2a?: ResolvedA2aConfig
  /** The `vector` section: its mount path and the collections every session starts with. */
  vector?: ResolvedVectorConfig
  notices: ConfigNotice[]
}

let configKeys: string[] | undefined
/** The config's top-level keys (from the schema, built on first use). */
function CONFIG_KEYS(): string[] {
  return (configKeys ??= Object.keys(configSchemas().configSchema.shape).filter((key) => key !== '$schema'))
}

/** True for a parsed JSON document that is a config rather than a fixture file (decided by its keys). */
export function isConfigDocument(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false
  return !('fixtures' in json) && Object.keys(json).some((key) => CONFIG_KEYS().includes(key))
}

/** Reads, validates and resolves a config file; throws a ConfigError naming file, JSON path and expectation. */
export function loadConfig(path: string, cwd = process.cwd()): LoadedConfig {
  const file = relative(cwd, path) || path
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new ConfigError([{ file, path: '', message: 'no such config file' }])
  }
  let json: unknown
  try {
    json = parseJson(text)
  } catch (error) {
    throw new ConfigError([{ file, path: '', message: `invalid JSON: ${(error as Error).message}` }])
  }
  return resolveConfig(json, { file, dir: dirname(resolve(cwd, path)), cwd })
}

/** JSON.parse, ignoring the byte-order mark some editors save (it is not part of the JSON). */
export function parseJson(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}

/** Validates a parsed config and resolves its paths. */
export function resolveConfig(
  json: unknown,
  where: { file: string; dir: string; cwd: string },
): LoadedConfig {
  const parsed = configSchemas().configSchema.safeParse(json)
  if (!parsed.success) throw new ConfigError(configIssues(where.file, parsed.error))
  const config = parsed.data
  const issues: FixtureIssue[] = []
  const mcp = config.mcp ? resolveMcpConfig(config.mcp, where, issues) : undefined
  const agui = config.agui ? resolveAguiConfig(config.agui, where, issues) : undefined
  const a2a = config.a2a ? resolveA2aConfig(config.a2a, where, issues) : undefined
  const vector = config.vector ? resolveVectorConfig(config.vector, where, issues) : undefined
  if (issues.length > 0) throw new ConfigError(issues)
  const notices: ConfigNotice[] = NOT_SERVED.filter(({ when }) => when(config)).map(({ path, message }) => ({
    path,
    message,
    kind: 'not-served',
  }))
  const listed = config.llm?.fixtures
  const fixtures = (listed === undefined ? [] : Array.isArray(listed) ? listed : [listed]).map((p, index) => {
    const located = locate(p, where)
    if (located.note)
      notices.push({
        path: Array.isArray(listed) ? `llm.fixtures[${index}]` : 'llm.fixtures',
        message: located.note,
        kind: 'note',
      })
    return located.path
  })
  return { file: where.file, config, fixtures, mcp, agui, a2a, vector, notices }
}

/**
 * Config paths are relative to the config's folder. The peer resolves them against the working folder, so a
 * path that exists only there is still used, with a note, rather than failing a config written for it.
 */
function locate(
  path: string,
  where: { file: string; dir: string; cwd: string },
): { path: string; note?: string } {
  if (isAbsolute(path)) return { path }
  const nextToConfig = resolve(where.dir, path)
  const fromCwd = resolve(where.cwd, path)
  if (existsSync(nextToConfig) || !existsSync(fromCwd)) return { path: nextToConfig }
  return {
    path: fromCwd,
    note: `"${path}" is not next to ${where.file}; using ${relative(where.cwd, fromCwd) || '.'} from the working folder (as aimock does)`,
  }
}

type Config = z.output<ConfigSchemas['configSchema']>

/** What standin accepts but does not serve yet: data, one entry per section (remove one when it is served). */
const NOT_SERVED: { path: string; when: (c: Config) => boolean; message: string }[] = [
  {
    path: 'llm.providers',
    when: (c) => c.llm?.providers !== undefined,
    message: 'not needed: standin serves every provider it implements on the same port',
  },
]

let knownKeys: Record<string, string[]> | undefined
/** The keys known in each section, for the unknown-key message (from the schemas, built on first use). */
function KNOWN_KEYS(): Record<string, string[]> {
  const { llmSchema, authSchema } = configSchemas()
  return (knownKeys ??= {
    '': CONFIG_KEYS(),
    llm: Object.keys(llmSchema.shape),
    mcp: Object.keys(mcpConfigSchemas().mcpConfigSchema.shape),
    agui: Object.keys(aguiConfigSchemas().aguiConfigSchema.shape),
    a2a: Object.keys(a2aConfigSchemas().a2aConfigSchema.shape),
    vector: Object.keys(vectorSchemas().vectorConfigSchema.shape),
    auth: Object.keys(authSchema.shape),
    services: ['search', 'rerank', 'moderate'],
  })
}

/** Zod issues as config issues; an unknown key lists the known ones, so a typo is quick to fix. */
function configIssues(file: string, error: z.ZodError): FixtureIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return toFixtureIssues(file, new (zod().ZodError)([issue]))
    const known = KNOWN_KEYS()[issue.path.join('.')]
    const where = issue.path.length > 0 ? ` in ${jsonPath(issue.path)}` : ''
    return issue.keys.map((key) => ({
      file,
      path: jsonPath([...issue.path, key]),
      message: `unknown field "${key}"${known ? ` (known${where}: ${known.join(', ')})` : ''}`,
    }))
  })
}
