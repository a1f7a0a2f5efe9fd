/**
 * Each test asks through the official openai SDK, pointed at its own session's URL (works in both modes),
 * and notes what it was answered in RECORD_DIR, which the driver compares across runs.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import OpenAI from 'openai'
import { test, expect, type StandinPlaywrightSession } from 'standin/playwright'

async function ask(standin: StandinPlaywrightSession, prompt: string): Promise<string> {
  const client = new OpenAI({
    baseURL: `${standin.url}/v1`,
    apiKey: process.env.OPENAI_API_KEY ?? 'standin-key',
    maxRetries: 0,
  })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
  })
  return completion.choices[0]?.message.content ?? ''
}

function note(test: string, answer: string): void {
  writeFileSync(join(process.env.RECORD_DIR!, `answer-${test}.json`), JSON.stringify({ test, answer }))
}

// A prompt none of the bundled fixtures answers (`standin serve` loads them when given no fixtures).
const PROMPT = 'say something'

test.describe('greeting', () => {
  // Both send the same prompt: each test keeps the answer it recorded.
  test('first asks hello', async ({ standin }) => {
    note('first', await ask(standin, PROMPT))
    await expect(standin).toHaveRequestCount(1)
  })

  test('second asks hello', async ({ standin }) => {
    note('second', await ask(standin, PROMPT))
  })
})

test('sends nothing', async () => {
  expect(1 + 1).toBe(2)
})
