/** Small statistics helpers. */

export function percentile(values, p) {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export const median = (values) => percentile(values, 50)

export const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? a / b : NaN)
