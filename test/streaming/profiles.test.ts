/**
 * Streaming profiles as users set them: by name or as `{ ttft, tps, jitter }` on a fixture, as the server's
 * default (`createStandin({ streamingProfile })`, the config's `llm.streamingProfile`), checked like any
 * other option. Their arithmetic is tested in src/streaming/pacing.test.ts, by the delays computed.
 */
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ConfigError,
  createStandin,
  FixtureError,
  StandinError,
  type RunningServer,
  type Standin,
} from '../../src'
import { renderOpts } from '../../src/engine/render'
import { runCli, startCli, tempFiles } from '../cli/cli-process'

let mock: Standin
let server: RunningServer
let openai: OpenAI
beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => server.close())

describe('a fixture profile', () => {
  test('a named profile streams the whole answer, at a replay speed that makes its seconds short', async () => {
    mock.onMessage(
      'paced',
      { content: 'Paced by name.' },
      { streamingProfile: 'reasoning', replaySpeed: 1000 },
    )
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'paced' }],
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]!.delta.content ?? ''
    expect(text).toBe('Paced by name.')
  })

  test('an unknown name in a fixture file is a fixture error that lists the names', () => {
    const dir = tempFiles({
      'warp.json': { fixtures: [{ match: {}, response: { content: 'x' }, streamingProfile: 'warp' }] },
    })
    const load = () => createStandin({ strict: false }).loadFixtures(dir)
    expect(load).toThrow(FixtureError)
    expect(load).toThrow(/fixtures\[0\]\.streamingProfile.*fast.*standard.*reasoning.*overloaded/s)
  })

  test('truncateAfterChunks and disconnectAfterMs load without the "not applied" warning', () => {
    const dir = tempFiles({
      'cut.json': {
        fixtures: [
          { match: { userMessage: 'a' }, response: { content: 'a' }, truncateAfterChunks: 2 },
          { match: { userMessage: 'b' }, response: { content: 'b' }, opts: { disconnectAfterMs: 10 } },
        ],
      },
    })
    const loaded = createStandin({ strict: false }).loadFixtures(dir)
    expect(loaded.entries).toHaveLength(2)
    expect(loaded.warnings).toEqual([])
  })
})

describe("the server's default profile", () => {
  const server = { latency: 0, replaySpeed: undefined, streamingProfile: 'standard' as const }

  test('paces fixtures with no pacing of their own, and only those', () => {
    expect(renderOpts(server, {}).streamingProfile).toBe('standard')
    expect(renderOpts(server, { chunkSize: 3 }).streamingProfile).toBe('standard')
    expect(renderOpts(server, { latency: 10 }).streamingProfile).toBeUndefined()
    expect(renderOpts(server, { streamingProfile: 'fast' }).streamingProfile).toBe('fast')
    // Recorded timings are the fixture's own pacing when they are replayed (a replay speed is set).
    const recorded = { recordedTimings: { ttftMs: 5 } }
    expect(renderOpts(server, recorded).streamingProfile).toBe('standard')
    expect(renderOpts({ ...server, replaySpeed: 2 }, recorded).streamingProfile).toBeUndefined()
  })

  test('the fixture wins over the server for latency and replay speed too', () => {
    const opts = renderOpts({ latency: 5, replaySpeed: 2, streamingProfile: undefined }, { latency: 9 })
    expect(opts).toMatchObject({ latency: 9, replaySpeed: 2 })
    expect(opts.streamingProfile).toBeUndefined()
  })

  test('an unknown name given in code throws STANDIN_BAD_OPTION', () => {
    const create = () => createStandin({ streamingProfile: 'warp' as never })
    expect(create).toThrow(StandinError)
    expect(create).toThrow(/fast, standard, reasoning, overloaded/)
    expect(() => createStandin({ streamingProfile: { tps: -1 } })).toThrow(StandinError)
  })

  test("a config file's llm.streamingProfile is read and checked", () => {
    const good = tempFiles({ 'aimock.json': { llm: { streamingProfile: 'fast' } } })
    expect(() => createStandin({ config: join(good, 'aimock.json') })).not.toThrow()
    const bad = tempFiles({ 'aimock.json': { llm: { streamingProfile: 'warp' } } })
    expect(() => createStandin({ config: join(bad, 'aimock.json') })).toThrow(ConfigError)
  })
})

// Observed without a clock: a stream cut at 1.5 s (`disconnectAfterMs`) is cut before its first chunk when
// paced like an overloaded provider (its first token comes after 2 s at the least: 4 s, jitter 0.5), and
// sends all its text first when paced fast or by its own latency (a cut stream never ends cleanly, so the
// SDK throws either way).
describe('standin serve --streaming-profile', () => {
  const fixtures = {
    fixtures: [
      {
        match: { userMessage: 'paced' },
        response: { content: 'Paced by the server.' },
        opts: { disconnectAfterMs: 1500 },
      },
      {
        match: { userMessage: 'own' },
        response: { content: 'Paced by the fixture.' },
        opts: { disconnectAfterMs: 1500, latency: 1 },
      },
    ],
  }
  async function streamed(url: string, content: string) {
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test-key', maxRetries: 0 })
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content }],
    })
    let text = ''
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    } catch (error) {
      return { text, error }
    }
    return { text, error: undefined }
  }

  test("paces every stream whose fixture sets no pacing; a fixture's own pacing wins", async () => {
    const dir = tempFiles({ 'paced.json': fixtures })
    const served = await startCli(['serve', join(dir, 'paced.json'), '--streaming-profile', 'overloaded'])
    try {
      const [paced, own] = await Promise.all([streamed(served.url, 'paced'), streamed(served.url, 'own')])
      expect(paced.text).toBe('')
      expect(paced.error).toBeInstanceOf(Error)
      expect(own.text).toBe('Paced by the fixture.')
    } finally {
      await served.stop()
    }
  })

  test("the flag wins over the config file's llm.streamingProfile", async () => {
    const dir = tempFiles({
      'paced.json': fixtures,
      'aimock.json': { llm: { fixtures: './paced.json', streamingProfile: 'overloaded' } },
    })
    const configured = await startCli(['serve', '--config', join(dir, 'aimock.json')])
    const flagged = await startCli([
      'serve',
      '--config',
      join(dir, 'aimock.json'),
      '--streaming-profile',
      'fast',
    ])
    try {
      const [slow, fast] = await Promise.all([
        streamed(configured.url, 'paced'),
        streamed(flagged.url, 'paced'),
      ])
      expect(slow).toMatchObject({ text: '', error: expect.any(Error) })
      expect(fast.text).toBe('Paced by the server.')
    } finally {
      await Promise.all([configured.stop(), flagged.stop()])
    }
  })

  test('an unknown name is a usage error listing the names; --help lists the flag', async () => {
    const bad = await runCli(['serve', '--streaming-profile', 'warp'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      '--streaming-profile expects one of fast, standard, reasoning, overloaded, got "warp"',
    )
    const help = await runCli(['serve', '--help'])
    expect(help.stdout).toMatch(
      /--streaming-profile P\s+pace streams like a kind of model: fast, standard, reasoning or overloaded/,
    )
  })
})
