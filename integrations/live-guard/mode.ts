/**
 * What the live-call guard does with a request to a real provider host: `'fail'` blocks it and fails the
 * test, `'warn'` prints standin's message and lets it go, `'off'` does not look.
 * @module
 */

export type LiveCallsMode = 'fail' | 'warn' | 'off'

/** The variable that overrides every runner's `liveCalls` option (an escape hatch for one run). */
export const LIVE_CALLS_ENV = 'STANDIN_LIVE_CALLS'

const MODES: readonly LiveCallsMode[] = ['fail', 'warn', 'off']

/** The mode for this run: `STANDIN_LIVE_CALLS` if set, else the runner option, else `'fail'`. */
export function liveCallsMode(
  option: LiveCallsMode | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LiveCallsMode {
  const fromEnv = env[LIVE_CALLS_ENV]?.trim()
  if (fromEnv) return checked(fromEnv, LIVE_CALLS_ENV)
  return option === undefined ? 'fail' : checked(option, 'liveCalls')
}

function checked(value: string, where: string): LiveCallsMode {
  if ((MODES as readonly string[]).includes(value)) return value as LiveCallsMode
  throw new TypeError(`standin: ${where} must be one of ${MODES.join(', ')} (got "${value}")`)
}
