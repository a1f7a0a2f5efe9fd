import { describe, expect, test } from 'vitest'
import type { JournalEntry, JournalResponse } from '../journal/journal'
import { outcomeOf, statusClass } from './request-outcome'

const entry = (response: JournalResponse, rest: Partial<JournalEntry> = {}) =>
  ({ fixture: null, request: null, response, ...rest }) as JournalEntry
const fixture = { id: 'f', source: 'on()' }

describe('the outcome a journal entry is counted under', () => {
  test('a chaos action the journal records wins over the fixture that would have answered', () => {
    expect(outcomeOf(entry({ status: 500, stream: false, chaos: 'drop' }, { fixture }))).toBe('chaos_drop')
    expect(outcomeOf(entry({ status: 200, stream: false, chaos: 'malformed' }, { fixture }))).toBe(
      'chaos_malformed',
    )
    expect(outcomeOf(entry({ status: 0, stream: false, chaos: 'disconnect' }))).toBe('chaos_disconnect')
    expect(outcomeOf(entry({ status: 200, stream: true, chaos: 'truncate' }, { fixture }))).toBe('truncate')
  })

  test("a quota's 429 is rate_limited, unless chaos then cut or dropped it", () => {
    expect(outcomeOf(entry({ status: 429, stream: false, rateLimited: 'requests' }))).toBe('rate_limited')
    expect(outcomeOf(entry({ status: 200, stream: false, rateLimited: 'tokens', chaos: 'malformed' }))).toBe(
      'chaos_malformed',
    )
  })

  test('record mode: recorded when forwarded to be written, proxied when only relayed (live)', () => {
    const upstream = { url: 'https://api.openai.com', status: 200 }
    expect(outcomeOf(entry({ status: 200, stream: false, upstream: { ...upstream, mode: 'missing' } }))).toBe(
      'recorded',
    )
    expect(outcomeOf(entry({ status: 200, stream: false, upstream: { ...upstream, mode: 'live' } }))).toBe(
      'proxied',
    )
  })

  test('matched, miss, error and served', () => {
    expect(outcomeOf(entry({ status: 500, stream: false }, { fixture }))).toBe('matched')
    const miss = { message: 'no match' } as JournalEntry['miss']
    expect(outcomeOf(entry({ status: 404, stream: false }, { miss }))).toBe('miss')
    expect(outcomeOf(entry({ status: 400, stream: false }))).toBe('error')
    expect(outcomeOf(entry({ status: 200, stream: false }))).toBe('served')
  })

  test('status classes, and none when nothing was sent', () => {
    expect([200, 204, 404, 429, 503, 0].map(statusClass)).toEqual(['2xx', '2xx', '4xx', '4xx', '5xx', 'none'])
  })
})
