/**
 * `allowLiveCalls()`: the per-test opt-out, exported by `standin/vitest` and `standin/jest`.
 * @module
 */
import { currentLiveCallGuard } from './current'

/**
 * Lets the running test call real provider hosts: the live-call guard neither blocks its requests nor
 * fails it. Call it inside the test (or its `beforeEach`). Without a guard (`liveCalls: 'off'`) it does
 * nothing.
 * @example
 * test('talks to the real API', async () => {
 *   allowLiveCalls()
 *   // ...
 * })
 * @see https://github.com/standin/standin#live-call-guard
 */
export function allowLiveCalls(): void {
  const guard = currentLiveCallGuard()
  if (guard && !guard.allow())
    throw new Error('allowLiveCalls() is called inside a test (or a beforeEach hook), not at file level')
}
