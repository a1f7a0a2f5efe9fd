import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import OpenAI from 'openai'
import { inject } from 'vitest'
import { test, expect } from 'standin/vitest'

test('the shared mock serves what was started once, and tests reach it by its URL', async ({
  standin,
  standinServer,
}) => {
  const sharedUrl = inject('standin:sharedUrl')!
  writeFileSync(
    join(process.env.RECORD_DIR!, 'shared.json'),
    JSON.stringify({ sharedUrl, workerUrl: standin.workerUrl }),
  )

  expect(inject('appLlmUrl')).toBe(`${sharedUrl}/v1`)
  expect(standinServer.sharedUrl).toBe(sharedUrl)
  expect(sharedUrl).not.toBe(standin.workerUrl)

  // What the app would send, in this test's session on the shared mock.
  const app = new OpenAI({ baseURL: `${sharedUrl}/v1`, defaultHeaders: standin.headers, maxRetries: 0 })
  const reply = await app.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(reply.choices[0]!.message.content).toBe('Hello from the shared mock')

  const journal = await (await fetch(`${sharedUrl}/__standin/sessions/${standin.id}/journal`)).json()
  expect(journal).toHaveRequestCount(1)
  expect(journal).toHaveServedFixture('hello')
  // The worker's own mock saw none of it.
  expect(standin).toHaveRequestCount(0)
})
