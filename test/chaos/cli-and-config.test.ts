import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { createStandin } from '../../src/internal'
import { runCli, startCli, tempFiles, type Served } from '../cli/cli-process'

const started: Served[] = []
afterAll(async () => {
  for (const served of started) await served.stop()
})

const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] })
const fixtures = { fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'hi' } }] }

test('serve --chaos-drop 1 answers every request with the drop', async () => {
  const dir = tempFiles({ 'f.json': fixtures })
  const served = await startCli(['serve', '--chaos-drop', '1', '--seed', '3', join(dir, 'f.json')])
  started.push(served)
  const res = await fetch(`${served.url}/v1/chat/completions`, { method: 'POST', body })
  expect(res.status).toBe(500)
  expect(await res.json()).toMatchObject({ error: { code: 'chaos_drop' } })
})

test.each([
  [
    ['serve', '--chaos-drop', '2'],
    '--chaos-drop expects a rate from 0 to 1 (e.g. 0.1 for 10% of requests), got "2"',
  ],
  [['serve', '--chaos-malformed', 'x'], '--chaos-malformed expects a rate from 0 to 1'],
  [['serve', '--chaos-typo', '1'], 'chaos flags are --chaos-drop, --chaos-malformed and --chaos-disconnect'],
])('%j is a usage error', async (args, message) => {
  const result = await runCli(args)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(message)
})

test("the config's llm.chaos is applied", async () => {
  const dir = tempFiles({
    'standin.json': { llm: { fixtures: './f.json', chaos: { malformedRate: 1 } } },
    'f.json': fixtures,
  })
  const mock = createStandin({ config: join(dir, 'standin.json') })
  const res = await mock.handle(new Request('http://mock/v1/chat/completions', { method: 'POST', body }))
  expect(res.status).toBe(200)
  await expect(res.json()).rejects.toThrow(SyntaxError)
})
