import { expect, test } from 'vitest'
import { parseCommandLine } from './args'
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
