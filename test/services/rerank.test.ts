/**
 * Cohere rerank through `cohere-ai`: v2 (`CohereClientV2.rerank`) and v1 (`CohereClient.rerank`, with
 * `return_documents` and structured documents): fixtures as rankings or functions, `top_n`, the default
 * ranking by query-term overlap, strict misses and the `services.rerank` catch-all.
 */
import { CohereClient, CohereClientV2 } from 'cohere-ai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { rankByOverlap } from '../../src/services/rerank-score'
import { postJson } from '../helpers/mock-server'

const model = 'rerank-v3.5'
const documents = [
  'Carson City is the capital city of the American state of Nevada.',
  'Capital punishment has existed in the United States since before it was a country.',
  'Washington, D.C. is the capital of the United States. It is a federal district.',
]
let mock: Standin
let server: RunningServer
let v2: CohereClientV2
let v1: CohereClient

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  v2 = new CohereClientV2({ token: 'test', environment: server.url, maxRetries: 0 })
  v1 = new CohereClient({ token: 'test', environment: server.url, maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

describe('v2', () => {
  test('a fixture ranking, matched by case-insensitive substring, cut to top_n', async () => {
    mock.onRerank('CAPITAL of the united', [
      { index: 2, relevance_score: 0.98 },
      { index: 0, relevance_score: 0.41 },
      { index: 1, relevance_score: 0.02 },
    ])
    const answer = await v2.rerank({
      model,
      query: 'What is the capital of the United States?',
      documents,
      topN: 2,
    })
    expect(answer.results).toEqual([
      { index: 2, relevanceScore: 0.98 },
      { index: 0, relevanceScore: 0.41 },
    ])
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(answer.meta?.billedUnits?.searchUnits).toBe(1)
  })

  test('a function computes the ranking from the request', async () => {
    mock.onRerank(/capital/, (request) =>
      request.documents.map((doc, index) => ({ index, relevance_score: doc.length / 100 })).reverse(),
    )
    const answer = await v2.rerank({ model, query: 'capital', documents })
    expect(answer.results.map((r) => r.index)).toEqual([2, 1, 0])
  })

  test('with no fixture, documents are ranked by query-term overlap (BM25 idf weights)', async () => {
    const query = 'capital of the United States'
    const answer = await v2.rerank({ model, query, documents })
    const expected = rankByOverlap(query, documents)
    expect(answer.results).toEqual(expected.map((r) => ({ index: r.index, relevanceScore: r.score })))
    // The document naming the capital of the United States ranks first, and scores fall.
    expect(answer.results[0]!.index).toBe(2)
    const scores = answer.results.map((r) => r.relevanceScore)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(scores[0]).toBe(1)
  })

  test('a fixture ranking a document the request does not have is a clear fixture error', async () => {
    mock.onRerank('capital', [{ index: 7, relevance_score: 0.9 }])
    const response = await postJson(`${server.url}/v2/rerank`, { model, query: 'capital', documents })
    expect(response.status).toBe(500)
    expect((await response.json()).message).toMatch(/ranks document 7, but the request has 3 document/)
  })

  test("bad requests are 400s in Cohere's {message} body, naming the field", async () => {
    const noModel = await postJson(`${server.url}/v2/rerank`, { query: 'q', documents })
    expect(noModel.status).toBe(400)
    expect(await noModel.json()).toEqual({ message: 'invalid request: model must be a non-empty string.' })
    const objects = await postJson(`${server.url}/v2/rerank`, {
      model,
      query: 'q',
      documents: [{ text: 'a' }],
    })
    expect((await objects.json()).message).toMatch(/documents\[0\] must be a string/)
    const topN = await postJson(`${server.url}/v2/rerank`, { model, query: 'q', documents, top_n: 0 })
    expect((await topN.json()).message).toMatch(/top_n/)
  })

  test('strict mode: a miss is a 503 unless services.rerank answers every rerank', async () => {
    mock.strict = true
    const miss = await postJson(`${server.url}/v2/rerank`, { model, query: 'capital', documents })
    expect(miss.status).toBe(503)
    expect((await miss.json()).message).toMatch(
      /No fixture matched POST \/v2\/rerank \(model "rerank-v3.5", rerank "capital"\)/,
    )
    const catchAll = createStandin({ strict: true, services: { rerank: true } })
    const { url, close } = await catchAll.listen({ port: 0 })
    try {
      const client = new CohereClientV2({ token: 'test', environment: url, maxRetries: 0 })
      const answer = await client.rerank({ model, query: 'capital', documents })
      expect(answer.results).toHaveLength(3)
    } finally {
      await close()
    }
  })
})

describe('v1', () => {
  test('return_documents echoes each document; structured documents rank by rank_fields', async () => {
    const answer = await v1.rerank({
      model,
      query: 'Nevada',
      documents: [{ title: 'Nevada', text: 'Carson City' }, 'Washington'],
      rankFields: ['title', 'text'],
      returnDocuments: true,
    })
    expect(answer.results).toEqual([
      { index: 0, relevanceScore: 1, document: { title: 'Nevada', text: 'Carson City' } },
      { index: 1, relevanceScore: 0, document: { text: 'Washington' } },
    ])
    expect(mock.journal.entries[0]!.request).toMatchObject({
      kind: 'rerank',
      surface: 'cohere.rerank-v1',
      documents: ['Nevada\nCarson City', 'Washington'],
    })
  })

  test('without return_documents, results carry index and score only', async () => {
    mock.onRerank('nevada', [{ index: 1, relevance_score: 0.7 }])
    const answer = await v1.rerank({ query: 'Nevada', documents: ['a', 'b'] })
    expect(answer.results).toEqual([{ index: 1, relevanceScore: 0.7 }])
  })
})

describe('rankByOverlap', () => {
  test('rare query terms weigh more; ties keep document order; no shared term scores 0', () => {
    const docs = ['red apple', 'green apple', 'red car', 'blue sky']
    const ranking = rankByOverlap('red apple', docs)
    expect(ranking[0]).toEqual({ index: 0, score: 1 })
    expect(ranking.slice(1, 3).map((r) => r.index)).toEqual([1, 2])
    expect(ranking[1]!.score).toBe(ranking[2]!.score)
    expect(ranking[3]).toEqual({ index: 3, score: 0 })
  })
})
