/**
 * What standin's environment hands the test file's sandbox, on its global: the matchers and the live-call
 * guard, both made out here where their modules load once per worker. The sandbox side (`standin/jest`,
 * `standin/jest/setup`) then loads no engine code of its own: Jest evaluates a test file's modules again
 * in every file's sandbox, and the engine is the largest of them.
 * @module
 */
import type { InterceptorModules } from '../live-guard/interception'
import type { JestMatcher } from './jest-matchers'
import type { StandinMatcherName } from 'standin/internal'

/** A registry symbol: the same in both realms. */
export const STANDIN_JEST_SANDBOX = Symbol.for('standin.jest.sandbox')

export interface JestSandboxApi {
  /** standin's matchers for this file's `expect.extend`, realm-safe (see `sandboxMatchers`). */
  matchers: Record<StandinMatcherName, JestMatcher>
  /**
   * Installs the live-call guard on the sandbox (unless its mode is `off`), with interceptors `load` gives
   * when it needs them.
   */
  startLiveCallGuard(load: () => InterceptorModules): Promise<unknown>
  /** Removes the guard (the file is done). */
  stopLiveCallGuard(): void
}

/** The API the environment put on this realm's global, if standin's environment runs this file. */
export function sandboxApi(): JestSandboxApi | undefined {
  return Reflect.get(globalThis, STANDIN_JEST_SANDBOX) as JestSandboxApi | undefined
}
