/**
 * `standin serve --record` as the seed's quick start runs it, as a child process in front of the fake
 * upstream: a miss is forwarded and recorded under `<first fixtures dir>/recorded/`, a restarted server
 * without --record replays it, and a server killed in the middle of a recording leaves no file behind.
 */
import Anthropic from '@anthropic-ai/sdk'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../record/fake-upstream'
import { startCli, tempFiles } from './cli-process'

const KEY = 'sk-ant-cli-record-key-0123456789'
const client = (url: string) => new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 0 })
const ask = (url: string, content: string) =>
  client(url).messages.create({
    model: 'claude-opus-4-6',
    max_tokens: 50,
    messages: [{ role: 'user', content }],
  })

let fake: FakeUpstream
beforeAll(async () => {
  fake = await startFakeUpstream()
})
afterAll(() => fake.close())

const recordingsIn = (dir: string) =>
  existsSync(join(dir, 'recorded')) ? readdirSync(join(dir, 'recorded')) : []

describe('standin serve --record', () => {
  test('forwards a miss, records it beside the fixtures, and a restart without --record replays it', async () => {
    const dir = tempFiles({
      'hello.json': { fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'Hi' } }] },
    })
    const recording = await startCli([
      'serve',
      '--fixtures',
      dir,
      '--record',
      '--provider-openai',
      'https://api.openai.com',
      '--provider-anthropic',
      fake.url,
    ])
    const report = await recording.waitForStdout(/Press Ctrl\+C to stop/)
    expect(recording.stdout()).toMatch(/Record: missing/)
    expect(report).toBeTruthy()
    const before = fake.requests.length

    expect((await ask(recording.url, 'hello')).content).toEqual([{ type: 'text', text: 'Hi' }])
    expect(fake.requests.length).toBe(before)
    const recorded = await ask(recording.url, 'what is new?')
    expect(recorded.content).toEqual([{ type: 'text', text: 'Echo: what is new?' }])
    expect(fake.requests.length).toBe(before + 1)
    expect(await recording.stop('SIGTERM')).toBe(0)

    const files = recordingsIn(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^anthropic-what-is-new-[0-9a-f]{8}\.json$/)
    const text = readFileSync(join(dir, 'recorded', files[0]!), 'utf8')
    expect(text).not.toContain(KEY)
    expect(JSON.parse(text)).toMatchObject({
      fixtures: [
        { match: { userMessage: 'what is new?', exact: true }, response: { content: 'Echo: what is new?' } },
      ],
    })

    const replaying = await startCli(['serve', '--fixtures', dir, '--strict'])
    const replayed = await ask(replaying.url, 'what is new?')
    expect(replayed.content).toEqual(recorded.content)
    expect(replayed.id).toBe(recorded.id)
    expect(fake.requests.length).toBe(before + 1)
    await replaying.stop()
  })

  test('a server killed in the middle of a recorded stream leaves no recording, partial or whole', async () => {
    const dir = tempFiles({ 'empty.json': { fixtures: [] } })
    fake.script = { slow: 200 }
    try {
      const served = await startCli(['record', dir, '--provider-anthropic', fake.url])
      const stream = client(served.url).messages.stream({
        model: 'claude-opus-4-6',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'a slow answer' }],
      })
      // The first event has been relayed: the upstream is mid-stream when the process dies.
      await new Promise<void>((resolve) => stream.once('streamEvent', () => resolve()))
      served.child.kill('SIGKILL')
      await expect(stream.finalMessage()).rejects.toThrow()
      await served.stop()
      expect(recordingsIn(dir)).toEqual([])
      expect(readdirSync(dir)).toEqual(['empty.json'])
    } finally {
      fake.script = {}
    }
  })
})
