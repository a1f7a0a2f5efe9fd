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
import { tempFiles } from '../cli/cli-process'

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
