import { describe, expect, test } from 'vitest'
import { parseCommandLine, UsageError } from './args'

describe('--streaming-profile', () => {
  test('takes a named profile as the serve flags', () => {
    for (const name of ['fast', 'standard', 'reasoning', 'overloaded'] as const) {
      const parsed = parseCommandLine(['serve', '--streaming-profile', name])
      expect(parsed).toMatchObject({ command: 'serve', flags: { streamingProfile: name } })
    }
    const none = parseCommandLine(['serve'])
    expect(none.command === 'serve' && 'streamingProfile' in none.flags).toBe(false)
  })

  test('anything else is a usage error that lists the names', () => {
    expect(() => parseCommandLine(['serve', '--streaming-profile', 'Fast'])).toThrow(UsageError)
    expect(() => parseCommandLine(['serve', '--streaming-profile', '{"tps":5}'])).toThrow(
      /one of fast, standard, reasoning, overloaded/,
    )
  })
})
