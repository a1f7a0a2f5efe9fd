/**
 * Reading `/metrics` the way Prometheus does: fetch the text, parse it with a Prometheus text parser.
 * @module
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { expect } from 'vitest'

export type Families = ReturnType<typeof parsePrometheusTextFormat>

export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Families> {
  const response = await fetch(`${url}/metrics`, { headers })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parsePrometheusTextFormat(await response.text())
}

/** A family's samples as `labels-as-JSON → value`, for comparing with counts from the journal. */
export function samples(families: Families, name: string): Map<string, number> {
  const family = families.find((f) => f.name === name)
  expect(family, `${name} in /metrics`).toBeDefined()
  const out = new Map<string, number>()
  for (const sample of family!.metrics)
    out.set(key(sample.labels ?? {}), Number(sample.value ?? sample.count))
  return out
}

/** Labels in a stable order, so two label sets compare as strings. */
export function key(labels: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))))
}

/** One histogram series read line by line: its buckets in the order written, its `_count` and `_sum`. */
export interface HistogramSeries {
  buckets: Array<{ le: string; count: number }>
  count: number
  sum: number
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/**
 * A histogram's series by their labels (without `le`), read from the exposition text itself:
 * parse-prometheus-text-format merges every series of a histogram into one bucket map, so it cannot tell
 * two series apart.
 */
export function histogramSeries(text: string, name: string): Map<string, HistogramSeries> {
  const out = new Map<string, HistogramSeries>()
  const series = (labels: Record<string, string>) => {
    const id = key(labels)
    let found = out.get(id)
    if (!found) out.set(id, (found = { buckets: [], count: Number.NaN, sum: Number.NaN }))
    return found
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue
    const match = SAMPLE_LINE.exec(line)
    expect(match, `a sample line: ${line}`).not.toBeNull()
    const [, metric, labelText = '', value] = match!
    const labels = Object.fromEntries([...labelText.matchAll(LABEL)].map((m) => [m[1]!, m[2]!]))
    if (metric === `${name}_bucket`) {
      const { le, ...rest } = labels
      expect(le, `le on ${line}`).toBeDefined()
      series(rest).buckets.push({ le: le!, count: Number(value) })
    } else if (metric === `${name}_count`) series(labels).count = Number(value)
    else if (metric === `${name}_sum`) series(labels).sum = Number(value)
  }
  return out
}
