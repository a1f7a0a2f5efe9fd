import { describe, expect, test } from 'vitest'
import { StandinError } from '../errors'
import { checkOrigin, isControlPath, normalizeOrigins } from './origin-policy'

const request = (method: string, url: string, origin?: string) => ({
  method,
  url: new URL(url),
  headers: new Headers(origin ? { origin } : {}),
})
const none = normalizeOrigins()

describe('isControlPath', () => {
  test('is /__standin/ and its session-prefixed form, nothing else', () => {
    expect(isControlPath('/__standin/journal')).toBe(true)
    expect(isControlPath('/_s/alice/__standin/reset')).toBe(true)
    expect(isControlPath('/health')).toBe(false)
    expect(isControlPath('/v1/__standin/journal')).toBe(false)
    expect(isControlPath('/_s/a/b/__standin/journal')).toBe(false)
  })
})

describe('checkOrigin', () => {
  test('provider routes answer any origin, and skip the headers for callers that send none', () => {
    expect(
      checkOrigin(request('POST', 'http://127.0.0.1:1/v1/chat/completions', 'https://a.example'), none),
    ).toEqual({ headers: expect.objectContaining({ 'access-control-allow-origin': '*' }) })
    expect(
      checkOrigin(request('OPTIONS', 'http://127.0.0.1:1/v1/chat/completions'), none).headers,
    ).toHaveProperty('access-control-allow-origin', '*')
    expect(checkOrigin(request('POST', 'http://127.0.0.1:1/v1/chat/completions'), none).headers).toEqual({})
  })

  test('the control API answers its own origin and callers without one, with no CORS header', () => {
    expect(
      checkOrigin(request('GET', 'http://127.0.0.1:4010/__standin/journal', 'http://127.0.0.1:4010'), none),
    ).toEqual({ headers: {} })
    expect(checkOrigin(request('GET', 'http://127.0.0.1:4010/__standin/journal'), none)).toEqual({
      headers: {},
    })
  })

  test('the control API refuses any other origin, even on the same host and another port', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3000', 'null']) {
      const verdict = checkOrigin(request('POST', 'http://127.0.0.1:4010/__standin/reset', origin), none)
      expect(verdict.refused?.status, origin).toBe(403)
      expect(verdict.headers).toEqual({})
    }
  })

  test('a configured origin is reflected, with Vary; * allows every origin', () => {
    const verdict = checkOrigin(
      request('OPTIONS', 'http://127.0.0.1:4010/_s/a/__standin/reset', 'http://localhost:3000'),
      normalizeOrigins(['http://localhost:3000']),
    )
    expect(verdict.refused).toBeUndefined()
    expect(verdict.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      vary: 'origin',
    })
    const any = checkOrigin(
      request('GET', 'http://127.0.0.1:4010/__standin/journal', 'https://x.example'),
      normalizeOrigins(['*']),
    )
    expect(any.headers['access-control-allow-origin']).toBe('https://x.example')
  })
})

describe('normalizeOrigins', () => {
  test('keeps scheme, host and port as browsers send them', () => {
    expect([...normalizeOrigins(['HTTP://LocalHost:3000/', 'https://app.example:443/path', '*'])]).toEqual([
      'http://localhost:3000',
      'https://app.example',
      '*',
    ])
  })

  test('an entry that is not an origin is a typed error naming it', () => {
    for (const bad of ['localhost:3000', 'not a url', 'file:///tmp/x'])
      expect(() => normalizeOrigins([bad]), bad).toThrow(StandinError)
  })
})
