/**
 * What `standin serve` prints for a person after the listening line: the fixtures it loaded, warnings, what
 * the config asked for that is not served yet, the endpoints, and a request to paste.
 * @module
 */
import { relative, resolve } from 'node:path'
import type { ResolvedA2aConfig } from '../protocols/a2a/config'
import type { RecordMode } from '../record/modes'
import type { FixtureIssue } from '../errors'
import type { LoadResult } from '../fixtures/load'
import type { ParsedEntry } from '../fixtures/schema'
import { SURFACES } from '../providers'
import { isLoopbackHost } from '../security/host-check'
import { issueLines, plural } from './output'
import type { ServeSettings } from './serve'

export type FixtureSource = 'flags' | 'config' | 'bundled'

export interface StartupFacts {
  url: string
  loaded: LoadResult
  settings: ServeSettings
  strict: boolean
  /** The record mode in force (STANDIN_RECORD applied). */
  recordMode?: RecordMode
}

/** The widest line the report prints (a terminal's usual width is 120 or more). */
export const REPORT_WIDTH = 120
/** Rows shown of a list that may be long (fixture files, warnings, notices) before "... and N more". */
const LIST_ROWS = 5

/**
 * The report's lines, none wider than {@link REPORT_WIDTH}: for the bundled examples 21 lines with the
 * listening line, so `npm start` fits a 25-line screen with npm's own header; `--routes` adds every route.
 * `llm.logLevel` "warn" keeps only warnings and notices, "silent" prints nothing.
 */
export function startupReport(facts: StartupFacts): string[] {
  const { logLevel } = facts.settings
  if (logLevel === 'silent') return []
  const warnings = warningLines(facts.loaded.warnings)
  const notices = noticeLines(facts.settings)
  const bind = bindWarning(facts.settings)
  if (logLevel === 'warn') return wrap([...warnings, ...notices, ...bind])
  return wrap([
    ...fixtureLines(facts),
    ...warnings,
    ...notices,
    ...bind,
    strictLine(facts.strict),
    ...recordLines(facts),
    ...accessLines(facts.settings),
    ...(facts.settings.routes ? endpointLines(facts.settings) : servedLines(facts.settings)),
    '',
    ...tryIt(facts.url, sampleEntry(facts.loaded)),
    '',
    facts.settings.log
      ? 'Logging one line per request. Press Ctrl+C to stop.'
      : 'Press Ctrl+C to stop. (--log prints one line per request)',
  ])
}

/** The first rows of a long list, then how many more there are and where to see them. */
function capped(lines: string[], more: string): string[] {
  if (lines.length <= LIST_ROWS + 1) return lines
  return [...lines.slice(0, LIST_ROWS), `  ... and ${lines.length - LIST_ROWS} more ${more}`]
}

/** Lines past the width, broken at spaces, the rest indented under the line's own indent plus two. */
function wrap(lines: string[]): string[] {
  return lines.flatMap((line) => {
    if (line.length <= REPORT_WIDTH) return [line]
    const indent = ' '.repeat((/^ */.exec(line)?.[0].length ?? 0) + 2)
    const out: string[] = []
    let rest = line
    while (rest.length > REPORT_WIDTH) {
      const cut = rest.lastIndexOf(' ', REPORT_WIDTH)
      const at = cut > indent.length ? cut : REPORT_WIDTH
      out.push(rest.slice(0, at))
      rest = indent + rest.slice(at).trimStart()
    }
    return [...out, rest]
  })
}

const SOURCE_NOTE: Record<FixtureSource, string> = {
  bundled: ' (the bundled examples; serve yours with --fixtures PATH or --config FILE)',
  config: '',
  flags: '',
}

function fixtureLines({ loaded, settings }: StartupFacts): string[] {
  const counts = new Map(loaded.files.map((file) => [file, 0]))
  for (const { file } of loaded.entries) counts.set(file, (counts.get(file) ?? 0) + 1)
  const total = `${plural(loaded.entries.length, 'fixture')} in ${plural(loaded.files.length, 'file')}`
  const lines = [`Fixtures: ${total}${SOURCE_NOTE[settings.fixtureSource]}`]
  if (settings.config) lines.unshift(`Config: ${settings.config.file}`)
  const rows = table([...counts].map(([file, count]) => [file, plural(count, 'fixture')]))
  lines.push(...capped(rows, 'files (standin validate PATH lists them)'))
  if (loaded.entries.length === 0) lines.push('  no fixtures: every chat request will miss')
  return lines
}

function warningLines(warnings: FixtureIssue[]): string[] {
  if (warnings.length === 0) return []
  return [
    `Warnings: ${warnings.length}`,
    ...capped(issueLines(warnings), '(standin validate PATH prints them all)'),
  ]
}

function noticeLines({ notices, config }: ServeSettings): string[] {
  const where = config?.file ?? 'config'
  const notServed = notices.filter((n) => n.kind === 'not-served')
  const notes = notices.filter((n) => n.kind === 'note')
  const lines: string[] = []
  if (notServed.length > 0) {
    lines.push(`Accepted from ${where}, not yet served:`, ...table(notServed.map((n) => [n.path, n.message])))
  }
  if (notes.length > 0) lines.push(`Notes on ${where}:`, ...table(notes.map((n) => [n.path, n.message])))
  return lines
}

/** Bound beyond loopback, anyone on the network can call the server: said where it cannot be missed. */
function bindWarning({ listen, engine }: ServeSettings): string[] {
  if (isLoopbackHost(listen.host)) return []
  const advice = engine.auth?.controlToken
    ? ''
    : ' Set --control-token (or auth.controlToken) to keep the control API to yourself.'
  return [
    `Warning: listening on ${listen.host}, beyond loopback: other machines can reach this server, and the Host check against DNS rebinding is off.${advice}`,
  ]
}

/** Who may call what, when it differs from the defaults (everything open to this machine, same origin). */
function accessLines({ engine }: ServeSettings): string[] {
  const lines: string[] = []
  const keys = engine.auth?.apiKeys
  if (keys) {
    lines.push(
      `Auth: provider routes and mounts require one of ${plural(keys.length, 'API key')} (Authorization: Bearer, x-api-key, x-goog-api-key, api-key or ?key=); the examples below need one`,
    )
  }
  if (engine.auth?.controlToken) lines.push('Auth: the control API requires the control token')
  if (engine.allowedOrigins?.length)
    lines.push(`CORS: the control API also answers pages from ${engine.allowedOrigins.join(', ')}`)
  return lines
}

const MODE_WORDS: Record<RecordMode, string> = {
  replay: 'replay',
  missing: 'missing: a request no fixture matches is forwarded upstream and recorded',
  all: 'all: every request no hand-written fixture matches is forwarded and re-recorded',
  live: 'live (proxy only): a request no fixture matches is forwarded, nothing is written',
}

function recordLines({ recordMode, settings }: StartupFacts): string[] {
  const record = settings.record
  const mode = recordMode ?? 'replay'
  if (mode === 'replay') {
    return record?.upstreams
      ? ['Record: off, so --provider-* URLs are unused (add --record, or STANDIN_RECORD=missing)']
      : []
  }
  const lines = [`Record: ${MODE_WORDS[mode]}`]
  if (mode !== 'live' && record?.dir)
    lines.push(`  recordings land in ${relative(process.cwd(), resolve(record.dir)) || '.'}`)
  const upstreams = Object.entries(record?.upstreams ?? {})
  lines.push(
    upstreams.length > 0
      ? `  upstreams: ${upstreams.map(([name, url]) => `${name} ${url}`).join(', ')}; others use STANDIN_UPSTREAM_<PROVIDER> or the public API`
      : "  upstreams: each provider's public API (override with --provider-<name> URL or STANDIN_UPSTREAM_<PROVIDER>)",
  )
  return lines
}

function strictLine(strict: boolean): string {
  return strict
    ? 'Strict: on, a request no fixture matches gets 503 (--no-strict for 404)'
    : 'Strict: off, a request no fixture matches gets 404 (--strict, or CI=true, for 503)'
}

/**
 * Every route (`--routes`): the config's mounts, then each provider surface with its routes (on one line
 * when they fit, else one per line below it), then health and control.
 */
function endpointLines(settings: ServeSettings): string[] {
  const surfaces = SURFACES.flatMap((surface) => {
    const routes = surface.routes.map((r) => `${r.method} ${r.path}`)
    const line = `  ${surface.id}: ${routes.join(', ')}`
    return line.length <= REPORT_WIDTH
      ? [line]
      : [`  ${surface.id}:`, ...routes.map((route) => `    ${route}`)]
  })
  return [
    'Routes (** = any path prefix, such as /v1):',
    ...table([...mountRows(settings), ...SERVICE_ROWS, ...metricsRows(settings)]),
    ...surfaces,
  ]
}

const SERVICE_ROWS = [
  ['GET', '/health', 'health check'],
  ['*', '/__standin/*', 'control API: fixtures, journal, sessions, reset'],
]

/** The default: the providers in one line, the config's mounts, health and control; `--routes` has the rest. */
function servedLines(settings: ServeSettings): string[] {
  const providers = [...new Set(SURFACES.map((surface) => surface.provider))].sort(
    (a, b) => Number(b === 'openai') - Number(a === 'openai'),
  )
  const routes = SURFACES.reduce((count, surface) => count + surface.routes.length, 0)
  return [
    `Providers: ${providers.join(', ')} (${routes} routes: --routes)`,
    ...table(mountRows(settings)),
    'Also: GET /health, and the control API (fixtures, journal, sessions, reset) at /__standin/*',
    ...metricsRows(settings).map(([, path, what]) => `Metrics: GET ${path} (${what})`),
  ]
}

/** `--metrics` (or a config's `metrics`): the Prometheus route. */
function metricsRows(settings: ServeSettings): string[][] {
  return settings.engine.metrics ? [['GET', '/metrics', 'Prometheus text']] : []
}

/** The MCP, AG-UI, A2A and vector endpoints the config mounts. */
function mountRows({ config }: ServeSettings): string[][] {
  const rows: string[][] = []
  if (config?.a2a) rows.push(...a2aRows(config.a2a))
  const agui = config?.agui
  if (agui) {
    const fixtures = plural(agui.options.fixtures?.length ?? 0, 'fixture')
    rows.push(['POST', agui.path, `AG-UI agent, RunAgentInput in, SSE events out (${fixtures})`])
  }
  const mcp = config?.mcp
  if (mcp) {
    const { tools = [], resources = [], prompts = [] } = mcp.options
    const counts = `${plural(tools.length, 'tool')}, ${plural(resources.length, 'resource')}, ${plural(prompts.length, 'prompt')}`
    rows.push(['POST GET DELETE', mcp.path, `MCP, Streamable HTTP (${counts})`])
  }
  const vector = config?.vector
  if (vector) {
    const collections = plural(vector.collections.length, 'collection')
    rows.push([
      'GET POST PUT DELETE',
      vector.path,
      `Vector databases: Qdrant, also at /collections (${collections})`,
    ])
  }
  return rows
}

/** The root agent card (the first agent's), then each agent's JSON-RPC endpoint, its card below it. */
function a2aRows({ path, options }: ResolvedA2aConfig): string[][] {
  const agents = options.agents ?? []
  const rows = agents.map(({ name, messages = [], tasks = [], streamingTasks = [] }) => {
    const fixtures = plural(messages.length + tasks.length + streamingTasks.length, 'fixture')
    return [
      'POST',
      `${path}/${encodeURIComponent(name)}`,
      `A2A agent "${name}", JSON-RPC 1.0 and 0.3 (${fixtures})`,
    ]
  })
  if (agents[0])
    rows.unshift(['GET', '/.well-known/agent-card.json', `A2A agent card of "${agents[0].name}"`])
  return rows
}

const DEFAULT_MODEL = 'gpt-4o-mini'

/** A ready-to-paste curl command and an `openai` SDK snippet, asking what a loaded fixture answers. */
function tryIt(url: string, sample: { text: string; model: string }): string[] {
  const body = JSON.stringify({ model: sample.model, messages: [{ role: 'user', content: sample.text }] })
  const message = `[{ role: 'user', content: ${singleQuoted(sample.text)} }]`
  return [
    'Try it:',
    `  curl -s ${url}/v1/chat/completions -H 'content-type: application/json' \\`,
    `    -d ${shellQuoted(body)}`,
    `  import OpenAI from 'openai'`,
    `  const openai = new OpenAI({ baseURL: '${url}/v1', apiKey: 'test' })`,
    '  const reply = await openai.chat.completions.create({',
    `    model: ${singleQuoted(sample.model)}, messages: ${message} })`,
    '  console.log(reply.choices[0].message.content)',
  ]
}

/** The first loaded fixture a plain chat request can reach: only `userMessage` (and a literal `model`). */
function sampleEntry(loaded: LoadResult): { text: string; model: string } {
  const reachable = (entry: ParsedEntry) => {
    const { userMessage, model, ...others } = entry.match
    return (
      typeof userMessage === 'string' &&
      (model === undefined || typeof model === 'string') &&
      Object.keys(others).length === 0
    )
  }
  const found =
    loaded.entries.find(({ entry }) => reachable(entry) && entry.response.content !== undefined) ??
    loaded.entries.find(({ entry }) => reachable(entry) && entry.response.error === undefined)
  const match = found?.entry.match
  return {
    text: typeof match?.userMessage === 'string' ? match.userMessage : 'hello',
    model: typeof match?.model === 'string' ? match.model : DEFAULT_MODEL,
  }
}

function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), [])
  return rows.map(
    (row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`,
  )
}

function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

function singleQuoted(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`
}
