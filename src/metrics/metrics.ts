/**
 * `GET /metrics`: the mock's requests, latency, fixtures and sessions in Prometheus text format, through
 * prom-client. Each mock has its own `Registry` (never prom-client's global one), so several mocks in one
 * process count apart. prom-client is loaded only when a mock turns metrics on, so importing standin costs
 * nothing more without them. Requests are counted from journal entries, so the counts match the journal.
 * @see ../../docs/decisions/metrics.md
 * @module
 */
import { createRequire } from 'node:module'
import type { Reply } from '../core/reply'
import type { JournalEntry } from '../journal/journal'
import { outcomeOf, statusClass } from './request-outcome'

type PromClient = typeof import('prom-client')

/** What the gauges read at scrape time. */
export interface MetricsSource {
  /** Fixtures by where they live: `loaded` (files, config), `runtime` (the mock's `on()`), `session`. */
  fixtures(): { loaded: number; runtime: number; session: number }
  /** Open sessions, the default one not counted. */
  sessions(): number
}

/** Seconds: from a millisecond answer out of memory to a slow recorded upstream. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

let promClient: PromClient | undefined
function loadPromClient(): PromClient {
  // Synchronous and lazy: the CLI and createStandin() stay synchronous, and mocks without metrics never load it.
  promClient ??= createRequire(__filename)('prom-client') as PromClient
  return promClient
}

export class Metrics {
  readonly #registry
  readonly #requests
  readonly #duration

  constructor(source: MetricsSource) {
    const prom = loadPromClient()
    const registry = new prom.Registry()
    this.#registry = registry
    this.#requests = new prom.Counter({
      name: 'standin_requests_total',
      help: 'Requests journaled, by provider, surface, outcome and status class.',
      labelNames: ['provider', 'surface', 'outcome', 'status_class'] as const,
      registers: [registry],
    })
    this.#duration = new prom.Histogram({
      name: 'standin_request_duration_seconds',
      help: 'Seconds from a request arriving to its journal entry (before a stream is paced out).',
      labelNames: ['provider', 'surface'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    })
    new prom.Gauge({
      name: 'standin_fixtures',
      help: 'Fixtures held, by scope: loaded (files, config), runtime (the mock), session (all sessions).',
      labelNames: ['scope'] as const,
      registers: [registry],
      collect() {
        for (const [scope, count] of Object.entries(source.fixtures())) this.set({ scope }, count)
      },
    })
    new prom.Gauge({
      name: 'standin_sessions',
      help: 'Sessions open, the default one not counted.',
      registers: [registry],
      collect() {
        this.set(source.sessions())
      },
    })
  }

  /** Counts one journal entry (the engine calls it for every entry it journals). */
  observe(entry: JournalEntry): void {
    const provider = entry.provider ?? 'none'
    const surface = entry.surface ?? 'none'
    this.#requests.inc({
      provider,
      surface,
      outcome: outcomeOf(entry),
      status_class: statusClass(entry.response.status),
    })
    this.#duration.observe({ provider, surface }, entry.durationMs / 1000)
  }

  /** The exposition for `GET /metrics`. */
  async reply(): Promise<Reply> {
    const body = await this.#registry.metrics()
    return { status: 200, headers: { 'content-type': this.#registry.contentType }, body }
  }
}
