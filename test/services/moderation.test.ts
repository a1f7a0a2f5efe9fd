/**
 * OpenAI moderation through `openai` (`moderations.create`): one result per string input, one for a
 * multimodal input, unflagged by default with every category the SDK types list, fixtures by substring
 * and regex applied to the inputs they match, strict misses and the `services.moderate` catch-all.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'

/** Every category key of `Moderation.Categories` in node_modules/openai/resources/moderations.d.ts. */
const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
]

let mock: Standin
let server: RunningServer
let client: OpenAI

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test', maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

describe('defaults', () => {
  test('a string input: one unflagged result with every category, low scores and applied input types', async () => {
    const answer = await client.moderations.create({ input: 'hello there' })
    expect(answer.model).toBe('omni-moderation-latest')
    expect(answer.id).toMatch(/^modr-/)
    expect(answer.results).toHaveLength(1)
    const [result] = answer.results
    expect(result!.flagged).toBe(false)
    expect(Object.keys(result!.categories).sort()).toEqual([...CATEGORIES].sort())
    expect(Object.values(result!.categories).every((v) => v === false)).toBe(true)
    expect(Object.keys(result!.category_scores).sort()).toEqual([...CATEGORIES].sort())
    for (const score of Object.values(result!.category_scores)) {
      expect(score).toBeGreaterThan(0)
      expect(score).toBeLessThan(0.001)
    }
    expect(result!.category_applied_input_types.violence).toEqual(['text'])
    // Deterministic: the same input gets the same scores.
    const again = await client.moderations.create({ input: 'hello there' })
    expect(again.results[0]!.category_scores).toEqual(result!.category_scores)
  })

  test('an array of strings: one result each, in order', async () => {
    const answer = await client.moderations.create({ input: ['one', 'two', 'three'] })
    expect(answer.results).toHaveLength(3)
  })

  test('multimodal parts are one input; image categories apply to text and image', async () => {
    const answer = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: [
        { type: 'text', text: 'look at this' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      ],
    })
    expect(answer.results).toHaveLength(1)
    expect(answer.results[0]!.category_applied_input_types.violence).toEqual(['text', 'image'])
    expect(answer.results[0]!.category_applied_input_types.hate).toEqual(['text'])
  })

  test('legacy text models: no applied input types, and the omni-only categories are null', async () => {
    const answer = await client.moderations.create({ model: 'text-moderation-latest', input: 'hi' })
    expect(answer.model).toBe('text-moderation-latest')
    expect(answer.results[0]!.categories.illicit).toBeNull()
    expect(answer.results[0]!.categories.hate).toBe(false)
    expect(answer.results[0]).not.toHaveProperty('category_applied_input_types')
  })
})

describe('fixtures', () => {
  test('a substring (case-insensitive) flags the inputs it matches; the others stay unflagged', async () => {
    mock.onModerate('ATTACK', {
      categories: { violence: true },
      category_scores: { violence: 0.95 },
    })
    const answer = await client.moderations.create({ input: ['hello', 'I will attack them'] })
    expect(answer.results.map((r) => r.flagged)).toEqual([false, true])
    expect(answer.results[1]!.categories.violence).toBe(true)
    expect(answer.results[1]!.categories.hate).toBe(false)
    expect(answer.results[1]!.category_scores.violence).toBe(0.95)
  })

  test('a RegExp; first match wins; a list gives each input its own verdict', async () => {
    mock.onModerate(/\bhate\b/i, [{ categories: { hate: true } }, { flagged: false }])
    mock.onModerate('hate', { categories: { harassment: true } })
    const answer = await client.moderations.create({ input: ['I hate this', 'fine'] })
    expect(answer.results[0]!.categories.hate).toBe(true)
    expect(answer.results[0]!.categories.harassment).toBe(false)
    expect(answer.results[1]!.flagged).toBe(false)
  })

  test("strict mode: a miss is a 503 in OpenAI's error envelope, unless services.moderate is on", async () => {
    mock.strict = true
    await expect(client.moderations.create({ input: 'hello' })).rejects.toMatchObject({
      status: 503,
      error: { code: 'no_fixture_match' },
    })
    const catchAll = createStandin({ strict: true, services: { moderate: true } })
    const { url, close } = await catchAll.listen({ port: 0 })
    try {
      const other = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
      expect((await other.moderations.create({ input: 'hello' })).results[0]!.flagged).toBe(false)
    } finally {
      await close()
    }
  })

  test('a bad input is a 400 naming the field', async () => {
    const response = await postJson(`${server.url}/v1/moderations`, { input: [{ type: 'audio' }] })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({ param: 'input[0]', type: 'invalid_request_error' })
    const empty = await postJson(`${server.url}/v1/moderations`, { input: [] })
    expect((await empty.json()).error.param).toBe('input')
  })
})
