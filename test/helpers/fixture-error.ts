/**
 * The messages of the FixtureError a call throws, for asserting on fixture validation.
 * @module
 */
import { expect } from 'vitest'
import { FixtureError } from '../../src'

/** The `; `-joined issue messages of the FixtureError `call` throws; fails the test when it throws none. */
export function fixtureErrorOf(call: () => unknown): string {
  try {
    call()
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError)
    return (error as FixtureError).issues.map((issue) => issue.message).join('; ')
  }
  throw new Error('expected a FixtureError')
}
