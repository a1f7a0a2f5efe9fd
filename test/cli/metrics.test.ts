/**
 * `standin serve --metrics` (and a config's `metrics: true`): the built command serves `/metrics`,
 * alongside `--log`, both fed by every journal entry.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { key, samples, scrape } from '../metrics/scrape'
import { startCli, tempFiles } from './cli-process'

const ask = (url: string, content: string) =>
  new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
  })
const hello = { fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'Hi' } }] }
const chat = { provider: 'openai', surface: 'openai.chat', status_class: '' }

describe('standin serve --metrics', () => {
  test('serves /metrics in Prometheus text, counting what --log prints', async () => {
    const dir = tempFiles({ 'hello.json': hello })
    const served = await startCli([
      'serve',
      '--metrics',
      '--log',
      '--no-strict',
      '-f',
      join(dir, 'hello.json'),
    ])
    expect(await served.waitForStdout(/^Metrics: .*$/m)).toBe('Metrics: GET /metrics (Prometheus text)')
    await ask(served.url, 'hello')
    await expect(ask(served.url, 'nothing')).rejects.toMatchObject({ status: 404 })
    await served.waitForStdout(/ miss 404 \d+ms$/m)
    const counted = samples(await scrape(served.url), 'standin_requests_total')
    expect(counted.get(key({ ...chat, outcome: 'matched', status_class: '2xx' }))).toBe(1)
    expect(counted.get(key({ ...chat, outcome: 'miss', status_class: '4xx' }))).toBe(1)
    expect(samples(await scrape(served.url), 'standin_fixtures').get(key({ scope: 'loaded' }))).toBe(1)
  })

  test("a config's metrics: true turns it on; without either, /metrics is 404", async () => {
    const dir = tempFiles({
      'hello.json': hello,
      'aimock.json': { metrics: true, llm: { fixtures: './hello.json' } },
    })
    const on = await startCli(['serve', '-c', join(dir, 'aimock.json')], { cwd: tmpdir() })
    expect(samples(await scrape(on.url), 'standin_sessions').get(key({}))).toBe(0)
    const off = await startCli(['serve', '--port', '0'], { cwd: tmpdir() })
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404)
  })
})
