import { describe, expect, test } from 'vitest'
import { StandinError } from '../errors'
import { DEFAULT_TIMEOUTS, resolveTimeouts, sweepInterval } from './connection-timeouts'

describe('resolveTimeouts', () => {
  test('fills in the defaults and turns 0 into no limit', () => {
    expect(resolveTimeouts({})).toEqual(DEFAULT_TIMEOUTS)
    expect(resolveTimeouts({ headersTimeout: 0, keepAliveTimeout: 250 })).toEqual({
      ...DEFAULT_TIMEOUTS,
      headersTimeout: Infinity,
      keepAliveTimeout: 250,
    })
  })

  test('a negative or non-number timeout is a typed error naming the option', () => {
    for (const bad of [-1, Number.NaN, '5000' as unknown as number]) {
      const attempt = () => resolveTimeouts({ requestTimeout: bad })
      expect(attempt).toThrow(StandinError)
      expect(attempt).toThrow(/requestTimeout must be a number of milliseconds >= 0/)
    }
  })
})

describe('sweepInterval', () => {
  test('is a quarter of the shortest timeout, kept between 10 ms and 1 s', () => {
    expect(sweepInterval(DEFAULT_TIMEOUTS)).toBe(1_000)
    expect(sweepInterval({ ...DEFAULT_TIMEOUTS, keepAliveTimeout: 200 })).toBe(50)
    expect(sweepInterval({ headersTimeout: 1, requestTimeout: 1, keepAliveTimeout: 1 })).toBe(10)
    expect(
      sweepInterval({ headersTimeout: Infinity, requestTimeout: Infinity, keepAliveTimeout: Infinity }),
    ).toBe(1_000)
  })
})
