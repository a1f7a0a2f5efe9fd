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
