/**
 * The error a promise rejects with, for asserting on an SDK's typed errors.
 * @module
 */

/** Resolves with what `promise` rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}
