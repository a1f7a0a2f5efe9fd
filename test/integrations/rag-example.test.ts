/**
 * examples/rag, run the way its README says: `vitest run` in a child process (with CI=true, so its own
 * `strict: false` is what keeps embeddings and reranks computed), and its types checked. Needs the built
 * package (`npm test` builds first).
 */
import { expect, test } from 'vitest'
import { typecheck } from './record-projects'
import { runVitest } from './run-vitest'

const EXAMPLE = 'examples/rag'

test('the RAG example passes: moderation, embeddings, Qdrant, rerank and the answer, journaled', async () => {
  const run = await runVitest({ root: EXAMPLE, env: { CI: 'true' } })
  expect(run.timedOut, run.output).toBe(false)
  expect(run.code, run.output).toBe(0)
  expect(run.report.numFailedTests).toBe(0)
  expect(run.report.numPassedTests).toBe(4)
  expect(run.output).toMatch(/all 3 loaded fixtures were used/)
}, 60_000)

test('the RAG example type-checks (the matchers, the clients, the canned results)', async () => {
  const { code, output } = await typecheck(EXAMPLE)
  expect(output).toBe('')
  expect(code).toBe(0)
}, 60_000)
