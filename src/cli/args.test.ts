import { describe, expect, test } from 'vitest'
import { parseCommandLine, UsageError } from './args'
import { resolveServeSettings } from './serve'

test('the session and journal limit flags reach the engine options', () => {
  const invocation = parseCommandLine([
    'serve',
    '--journal-limit',
    '50',
    '--journal-bytes',
    '1048576',
    '--journal-budget',
    '8388608',
    '--max-sessions',
    '20',
    '--session-idle-timeout',
    '0',
  ])
  if (invocation.command !== 'serve') throw new Error('expected serve')
  expect(resolveServeSettings(invocation.flags, {}).engine).toMatchObject({
    journalLimit: 50,
    journalBytes: 1048576,
    journalBudget: 8388608,
    maxSessions: 20,
    sessionIdleTimeout: 0,
  })
})

test('a limit below its least value is a usage error naming the flag', () => {
  expect(() => parseCommandLine(['serve', '--max-sessions', '0'])).toThrow(/--max-sessions/)
})

describe('--streaming-profile', () => {
  test('takes a named profile and reaches the engine options', () => {
    for (const name of ['fast', 'standard', 'reasoning', 'overloaded'] as const) {
      const parsed = parseCommandLine(['serve', '--streaming-profile', name])
      expect(parsed).toMatchObject({ command: 'serve', flags: { streamingProfile: name } })
    }
    const invocation = parseCommandLine(['serve', '--streaming-profile', 'fast'])
    if (invocation.command !== 'serve') throw new Error('expected serve')
    expect(resolveServeSettings(invocation.flags, {}).engine.streamingProfile).toBe('fast')
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
