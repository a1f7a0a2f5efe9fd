/**
 * The tests every file of this project runs: wait until all four workers are up (so their mocks are
 * listening at the same time), then each test sends its own token twice and records what it saw.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import OpenAI from 'openai'
import { beforeAll } from 'vitest'
import { test, expect } from 'standin/vitest'

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

export function defineRecordedTests(file: string): void {
  let barrier = 'not reached'
  beforeAll(async () => {
    const port = new URL(process.env.STANDIN_URL!).port
    const response = await fetch(process.env.BARRIER_URL!, {
      method: 'POST',
      body: JSON.stringify({ file, port }),
    })
    barrier = await response.text()
  })

  for (const n of [1, 2, 3]) {
    test(`${file} test ${n}`, async ({ standin, standinServer }) => {
      const token = `token-${file}-${n}`
      for (const turn of [1, 2]) {
        await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `${token} turn ${turn}` }],
        })
      }
      const record = {
        file,
        n,
        token,
        barrier,
        taskId: standin.id,
        url: standin.workerUrl,
        port: standinServer.port,
        openaiBaseUrl: process.env.OPENAI_BASE_URL,
        pid: process.pid,
        journal: standin.journal.entries.map((entry) => ({
          id: entry.id,
          session: entry.session,
          message: entry.request?.kind === 'chat' ? entry.request.messages.at(-1)?.text : undefined,
        })),
      }
      writeFileSync(join(process.env.RECORD_DIR!, `${file}-${n}.json`), JSON.stringify(record))
      expect(standin).toHaveRequestCount(2)
    })
  }
}
