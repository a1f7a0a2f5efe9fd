/**
 * Per-test recordings in Jest: each test replays (and records into) its own file,
 * `__recordings__/<test file name>/<title path>.json` beside the test file.
 * @module
 */
import { recordingFilesOf } from 'standin/internal'
import type { Circus } from '@jest/types'
import { titlePathOf } from './test-name'

/** Every test under `block`, in declaration order. */
function testsUnder(block: Circus.DescribeBlock): Circus.TestEntry[] {
  return block.children.flatMap((child) => (child.type === 'test' ? [child] : testsUnder(child)))
}

/** The root describe block of a test. */
function rootOf(test: Circus.TestEntry): Circus.DescribeBlock {
  let block = test.parent
  while (block.parent) block = block.parent
  return block
}

/** Recording files of a file's tests (all collected before the first runs), by test entry. */
const filesByRoot = new WeakMap<Circus.DescribeBlock, Map<Circus.TestEntry, string>>()

/** The recording file of `test`, a test of `testPath`. */
export function recordingFileOfTest(testPath: string, test: Circus.TestEntry): string {
  const root = rootOf(test)
  let byTest = filesByRoot.get(root)
  if (!byTest) {
    const tests = testsUnder(root)
    const files = recordingFilesOf(testPath, tests.map(titlePathOf))
    byTest = new Map(tests.map((entry, index) => [entry, files[index]!]))
    filesByRoot.set(root, byTest)
  }
  return byTest.get(test) ?? recordingFilesOf(testPath, [titlePathOf(test)])[0]!
}
