/**
 * Milliseconds as OpenAI's `x-ratelimit-reset-*` headers write them: Go's `time.Duration` text
 * (`20ms`, `1s`, `1.5s`, `6m0s`, `1h2m3s`).
 * @see https://pkg.go.dev/time#Duration.String
 * @module
 */

export function goDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms))
  if (whole === 0) return '0s'
  if (whole < 1000) return `${whole}ms`
  const hours = Math.floor(whole / 3_600_000)
  const minutes = Math.floor((whole % 3_600_000) / 60_000)
  const seconds = `${(whole % 60_000) / 1000}s`
  if (hours > 0) return `${hours}h${minutes}m${seconds}`
  if (minutes > 0) return `${minutes}m${seconds}`
  return seconds
}
