/**
 * What the tests of this project share: an openai client built at module load (as apps do), a question
 * (plain or streamed), and a note of each answer in RECORD_DIR, which the driver compares across runs.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import OpenAI from 'openai'

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

export async function ask(prompt: string, { stream = false } = {}): Promise<string> {
  if (!stream) {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: prompt }],
    })
    return completion.choices[0]?.message.content ?? ''
  }
  const chunks = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  })
  let text = ''
  for await (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? ''
  return text
}

/** Notes what a test got, under its own name. */
export function note(test: string, answer: string): void {
  writeFileSync(join(process.env.RECORD_DIR!, `answer-${test}.json`), JSON.stringify({ test, answer }))
}
