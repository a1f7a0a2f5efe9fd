/**
 * Services from fixture files and the config (not only in code), bad service fixtures failing with file
 * and JSON path, the JSON Schema, sessions, chaos, and the matchers `toHaveSearched`, `toHaveReranked`
 * and `toHaveModerated` passing and failing with readable messages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tavily } from '@tavily/core'
import { CohereClientV2 } from 'cohere-ai'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  createStandin,
  FixtureError,
  fixtureJsonSchema,
  loadFixtureFiles,
  matchers,
  type FixtureIssue,
} from '../../src'
import { postJson } from '../helpers/mock-server'

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function write(name: string, content: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'standin-services-'))
  folders.push(root)
  const file = join(root, name)
  writeFileSync(file, JSON.stringify(content, null, 2))
  return file
}

const serviceFixtures = {
  fixtures: [
    {
      id: 'search-weather',
      match: { searchQuery: 'weather' },
      response: {
        search: {
          results: [{ title: 'Weather', url: 'https://example.com/w', content: 'Sunny', score: 0.9 }],
          answer: 'Sunny.',
        },
      },
    },
    {
      id: 'rerank-capital',
      match: { rerankQuery: { regex: '^what is the capital', flags: 'i' } },
      response: { rerank: [{ index: 1, relevance_score: 0.97 }] },
    },
    {
      id: 'moderate-attack',
      match: { moderationInput: 'attack' },
      response: { moderation: { categories: { violence: true }, category_scores: { violence: 0.91 } } },
    },
  ],
}

describe('fixture files', () => {
  let mock: ReturnType<typeof createStandin>
  let url: string
  let close: () => Promise<void>
  beforeAll(async () => {
    mock = createStandin({ strict: true, fixtures: write('services.json', serviceFixtures) })
    ;({ url, close } = await mock.listen({ port: 0 }))
  })
  afterAll(() => close())
  afterEach(() => mock.reset())

  test('search, rerank and moderation fixtures answer through the official clients', async () => {
    const search = await tavily({ apiKey: 'tvly-test', apiBaseURL: url }).search('Weather in Oslo', {
      includeAnswer: true,
    })
    expect(search.answer).toBe('Sunny.')
    const rerank = await new CohereClientV2({ token: 't', environment: url, maxRetries: 0 }).rerank({
      model: 'rerank-v3.5',
      query: 'What is the capital of France?',
      documents: ['Berlin', 'Paris'],
    })
    expect(rerank.results).toEqual([{ index: 1, relevanceScore: 0.97 }])
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
    const moderation = await openai.moderations.create({ input: 'an attack' })
    expect(moderation.results[0]).toMatchObject({ flagged: true, category_scores: { violence: 0.91 } })
    expect(mock).toSatisfy(() => matchers.toHaveServedFixture(mock, 'moderate-attack').pass)
    expect(mock.journal.entries.map((e) => e.fixture?.id)).toEqual([
      'search-weather',
      'rerank-capital',
      'moderate-attack',
    ])
    expect(mock.journal.entries.map((e) => e.response.results)).toEqual([1, 1, 1])
  })

  test('a regex pattern is not case-folded unless its flags say so; a strict miss is a 503', async () => {
    const response = await postJson(`${url}/v2/rerank`, {
      model: 'rerank-v3.5',
      query: 'Tell me: what is the capital?',
      documents: ['a'],
    })
    expect(response.status).toBe(503)
    expect((await response.json()).message).toMatch(/rerankQuery expected "\/\^what is the capital\/i"/)
  })
})

describe('bad service fixtures fail with file and JSON path', () => {
  function issues(...entries: unknown[]): FixtureIssue[] {
    const file = write('bad.json', { fixtures: entries })
    try {
      loadFixtureFiles([file])
    } catch (error) {
      expect(error).toBeInstanceOf(FixtureError)
      return (error as FixtureError).issues
    }
    throw new Error('expected a FixtureError')
  }

  test('a rerank score out of range, a search result without a url, a misspelt field', () => {
    const found = issues(
      { match: { rerankQuery: 'q' }, response: { rerank: [{ index: 0, relevance_score: 3 }] } },
      { match: { searchQuery: 'q' }, response: { search: { results: [{ title: 't', content: 'c' }] } } },
      { match: { moderationInput: 'q' }, response: { moderation: { categories: { violence: 'yes' } } } },
      { match: { searchQuery: 'q' }, response: { search: { results: [], anwser: 'typo' } } },
    )
    const at = found.map((i) => `${i.path}: ${i.message}`)
    expect(at).toEqual([
      expect.stringMatching(/^fixtures\[0\]\.response\.rerank\[0\]\.relevance_score: .*<=1/),
      expect.stringMatching(/^fixtures\[1\]\.response\.search\.results\[0\]\.url: /),
      expect.stringMatching(/^fixtures\[2\]\.response\.moderation/),
      expect.stringMatching(/^fixtures\[3\]\.response\.search.*anwser/),
    ])
    for (const issue of found) expect(issue.file).toMatch(/bad\.json$/)
  })

  test('a service response cannot be combined with chat content', () => {
    const [issue] = issues({ match: {}, response: { content: 'x', rerank: [] } })
    expect(issue!.message).toMatch(/"rerank" cannot be combined with content, rerank/)
  })

  test('a service fixture that answers with something else loads with a warning; service endpoints are served', () => {
    const loaded = loadFixtureFiles([
      write('warn.json', {
        fixtures: [
          { match: { searchQuery: 'q' }, response: { content: 'x' } },
          { match: { endpoint: 'rerank' }, response: { rerank: [] } },
        ],
      }),
    ])
    expect(loaded.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'fixtures[0].response: this search fixture has no "search" response, so the requests it matches fail',
    ])
  })

  test('the JSON Schema describes the service match fields and responses', () => {
    const text = JSON.stringify(fixtureJsonSchema())
    for (const key of ['searchQuery', 'extractUrl', 'rerankQuery', 'moderationInput', 'relevance_score'])
      expect(text).toContain(`"${key}"`)
  })
})

describe('the config file', () => {
  test('"services" turns on the catch-alls and is no longer reported as not served', async () => {
    const config = write('aimock.json', {
      strict: true,
      services: { search: true, rerank: true, moderate: true },
    })
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.message)
    process.on('warning', onWarning)
    const mock = createStandin({ config })
    const { url, close } = await mock.listen({ port: 0 })
    try {
      expect((await tavily({ apiKey: 'k', apiBaseURL: url }).search('anything')).results).toEqual([])
      const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
      expect((await openai.moderations.create({ input: 'x' })).results[0]!.flagged).toBe(false)
      const cohere = new CohereClientV2({ token: 't', environment: url, maxRetries: 0 })
      const ranked = await cohere.rerank({ model: 'rerank-v3.5', query: 'b', documents: ['a', 'b'] })
      expect(ranked.results[0]!.index).toBe(1)
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((w) => /services/.test(w))).toEqual([])
    } finally {
      process.off('warning', onWarning)
      await close()
    }
  })

  test('a misspelt services key is an error naming the known keys', () => {
    const config = write('typo.json', { services: { serach: true } })
    expect(() => createStandin({ config })).toThrow(
      /services\.serach: unknown field "serach" \(known in services: search, rerank, moderate\)/,
    )
  })
})

describe('sessions, chaos and the matchers', () => {
  const mock = createStandin({ strict: false })
  let url: string
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ url, close } = await mock.listen({ port: 0 }))
  })
  afterAll(() => close())
  afterEach(() => mock.reset())

  test("a session's service fixtures answer its own requests, journaled in its journal", async () => {
    const session = mock.session('t1')
    session.onSearch('news', [{ title: 'Session news', url: 'https://example.com/n', content: 'x' }])
    const inSession = tavily({ apiKey: 'k', apiBaseURL: session.url })
    expect((await inSession.search('news today')).results[0]!.title).toBe('Session news')
    await expect(tavily({ apiKey: 'k', apiBaseURL: url }).search('news today')).rejects.toThrow(
      /No fixture matched/,
    )
    expect(session).toSatisfy(() => matchers.toHaveSearched(session, 'news').pass)
    expect(session.journal.entries).toHaveLength(1)
  })

  test("chaos drops a service request in the service's error shape, journaled as a drop", async () => {
    const response = await postJson(
      `${url}/v2/rerank`,
      { model: 'rerank-v3.5', query: 'q', documents: ['a'] },
      { 'x-standin-chaos-drop': '1' },
    )
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ message: expect.stringMatching(/chaos/i) })
    expect(mock.journal.entries.at(-1)!.response.chaos).toBe('drop')
  })

  test('toHaveSearched / toHaveReranked / toHaveModerated pass, and fail listing what the app did', async () => {
    const tv = tavily({ apiKey: 'k', apiBaseURL: url })
    mock.onSearch(/./, [])
    await tv.search('weather in Paris', { maxResults: 3 })
    const cohere = new CohereClientV2({ token: 't', environment: url, maxRetries: 0 })
    await cohere.rerank({
      model: 'rerank-v3.5',
      query: 'capital of France',
      documents: ['Paris', 'Rome'],
      topN: 1,
    })
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
    await openai.moderations.create({ input: ['first text', 'second text'] })

    expect(mock).toSatisfy(() => matchers.toHaveSearched(mock, 'in Paris').pass)
    expect(matchers.toHaveSearched(mock, /^weather/).pass).toBe(true)
    expect(matchers.toHaveSearched(mock, { query: 'weather in Paris', maxResults: 3 }).pass).toBe(true)
    expect(matchers.toHaveReranked(mock).pass).toBe(true)
    expect(matchers.toHaveReranked(mock, 'France', { documents: ['Paris', 'Rome'], topN: 1 }).pass).toBe(true)
    expect(matchers.toHaveModerated(mock, 'second').pass).toBe(true)

    const [searched, reranked, moderatedId] = mock.journal.entries.map((e) => e.id)
    const search = matchers.toHaveSearched(mock, 'football')
    expect(search.pass).toBe(false)
    expect(search.message()).toBe(
      'expected the app to have made a search containing "football"; it searched for:\n' +
        `  - "weather in Paris" (max_results 3) (${searched})`,
    )
    const rerank = matchers.toHaveReranked(mock, 'Spain')
    expect(rerank.message()).toBe(
      'expected the app to have made a rerank with a query containing "Spain"; it reranked:\n' +
        `  - "capital of France": 2 document(s), top_n 1 (${reranked})`,
    )
    const moderated = matchers.toHaveModerated(mock, /third/)
    expect(moderated.message()).toBe(
      'expected the app to have sent an input matching /third/ to moderation; it sent:\n' +
        `  - "first text" (${moderatedId})\n  - "second text" (${moderatedId})`,
    )
    expect(matchers.toHaveModerated(mock, 'first').message()).toMatch(/^expected the app NOT to have sent/)
    expect(matchers.toHaveModerated([], 'first').message()).toMatch(/it sent:\n {2}\(none\)$/)
  })
})
