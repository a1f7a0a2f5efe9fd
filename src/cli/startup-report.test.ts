import { describe, expect, test } from 'vitest'
import type { ServeFlags } from './args'
import { resolveServeSettings } from './serve'
import { startupReport } from './startup-report'

const report = (flags: Partial<ServeFlags>, logLevel?: 'warn') => {
  const settings = resolveServeSettings({ fixtures: [], ...flags }, {})
  if (logLevel) settings.logLevel = logLevel
  const loaded = { entries: [], files: [], warnings: [] }
  // Long lines are wrapped at 120 columns: read them joined.
  return startupReport({ url: 'http://127.0.0.1:4010', loaded, settings, strict: false })
    .join('\n')
    .replace(/\n +/g, ' ')
}

describe('the startup report on security', () => {
  test('bound beyond loopback, it warns, at the warn level too, and suggests a control token', () => {
    for (const text of [report({ host: '0.0.0.0' }), report({ host: '::' }, 'warn')]) {
      expect(text).toMatch(/Warning: listening on (0\.0\.0\.0|::), beyond loopback: .*Host check .* is off/)
      expect(text).toContain('--control-token')
    }
    expect(report({ host: '0.0.0.0', controlToken: 't' })).not.toContain('Set --control-token')
  })

  test('on loopback it says nothing about binding; auth and allowed origins are listed when set', () => {
    expect(report({})).not.toMatch(/Warning: listening|Auth:|CORS:/)
    const text = report({ apiKeys: ['a'], controlToken: 't', allowedOrigins: ['http://localhost:3000'] })
    expect(text).toContain('require one of 1 API key')
    expect(text).toContain('Auth: the control API requires the control token')
    expect(text).toContain('CORS: the control API also answers pages from http://localhost:3000')
  })
})
