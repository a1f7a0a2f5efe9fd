/**
 * Eight tests over four workers: each worker's mock has its own port, each test its own session, and no
 * request shows up anywhere but in its own test's journal and its own worker's mock. The test records
 * what it saw as annotations; the driver (test/integrations/playwright.test.ts) compares them across tests.
 */
import OpenAI from 'openai'
import { test, expect } from 'standin/playwright'
import { lastUserMessage } from './tool-loop'

for (let i = 0; i < 8; i++) {
  test(`worker mock answers test ${i} alone`, async ({ standin, standinServer }, testInfo) => {
    const ping = `ping-${i}-${testInfo.workerIndex}`
    await standin.on({ userMessage: ping }, { content: `pong-${i}` })

    // No baseURL given: the worker fixture set OPENAI_BASE_URL to this worker's mock.
    const openai = new OpenAI()
    const reply = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: ping }],
    })

    expect(reply.choices[0]?.message.content).toBe(`pong-${i}`)
    await expect(standin).toHaveReceivedMessage(ping, { role: 'user' })
    await expect(standin).toHaveRequestCount(1)
    const own = (await standin.journal()).map((e) => lastUserMessage(e.body))
    expect(own).toEqual([ping])
    const everything = standinServer!.mock.journal.entries.map((e) => lastUserMessage(e.body))
    testInfo.annotations.push(
      { type: 'standin-port', description: String(standinServer!.port) },
      { type: 'openai-base-url', description: process.env.OPENAI_BASE_URL },
      { type: 'message', description: ping },
      { type: 'worker-journal', description: JSON.stringify(everything) },
    )
  })
}
