/**
 * Names and session ids for Jest tests, read from jest-circus's test entries.
 * @module
 */
import type { Circus } from '@jest/types'

const ROOT = 'ROOT_DESCRIBE_BLOCK'

/** Describe titles, then the test's. */
export function titlePathOf(test: Circus.TestEntry): string[] {
  const names = [test.name]
  for (
    let block: Circus.DescribeBlock | undefined = test.parent;
    block && block.name !== ROOT;
    block = block.parent
  )
    names.unshift(block.name)
  return names
}

/** `describe › test` as Jest's reporters show it. */
export function fullTestName(test: Circus.TestEntry): string {
  return titlePathOf(test).join(' › ')
}

/**
 * A session id readable in URLs and headers: a counter (unique across retries and equal names) and an
 * ASCII slug of the name (header values must be ASCII).
 */
export function testSessionId(index: number, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
  return slug ? `t${index}-${slug}` : `t${index}`
}
