/**
 * LangChain's `QdrantVectorStore` against the mock, with `OpenAIEmbeddings` from the same port (the mock's
 * deterministic vectors): a RAG retrieval path end to end, the neighbours checked against a brute-force
 * ranking of the same embeddings.
 */
import { Document } from '@langchain/core/documents'
import { OpenAIEmbeddings } from '@langchain/openai'
import { QdrantVectorStore } from '@langchain/qdrant'
import { QdrantClient } from '@qdrant/js-client-rest'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStandin, matchers, type RunningServer, type Standin } from '../../src'
import { nearest } from './brute-force'

let mock: Standin
let server: RunningServer
let embeddings: OpenAIEmbeddings
let client: QdrantClient

expect.extend(matchers)
declare module 'vitest' {
  interface Matchers<T = any> {
    toHaveQueried(collection: string, partial?: Record<string, unknown>): T
  }
}

beforeAll(async () => {
  // The embeddings come from the lenient miss policy (deterministic vectors, no fixture); CI=true would make
  // the mock strict, and a strict miss is a 503.
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  embeddings = new OpenAIEmbeddings({
    model: 'text-embedding-3-small',
    dimensions: 32,
    apiKey: 'test',
    maxRetries: 0,
    configuration: { baseURL: `${server.url}/v1` },
  })
  client = new QdrantClient({ url: server.url, checkCompatibility: false })
})
afterAll(() => server.close())

const texts = [
  ['Refunds are issued within 14 days.', 'billing'],
  ['Our office is in Lisbon.', 'company'],
  ['Invoices are emailed monthly.', 'billing'],
  ['We ship to the EU and the UK.', 'shipping'],
  ['Support answers within one business day.', 'support'],
] as const

test('addDocuments then similaritySearchWithScore returns the brute-force neighbours, filtered', async () => {
  const store = new QdrantVectorStore(embeddings, { client, collectionName: 'kb' })
  await store.addDocuments(
    texts.map(([text, topic]) => new Document({ pageContent: text, metadata: { topic } })),
  )
  const vectors = await embeddings.embedDocuments(texts.map(([text]) => text))
  const query = 'How long do refunds take?'
  const queryVector = await embeddings.embedQuery(query)

  const found = await store.similaritySearchWithScore(query, 3)
  const expected = nearest(
    'cosine',
    texts.map(([text], i) => ({ id: text, values: vectors[i]! })),
    queryVector,
    3,
  )
  expect(found.map(([doc]) => doc.pageContent)).toEqual(expected.map(([text]) => text))
  found.forEach(([, score], i) => expect(score).toBeCloseTo(expected[i]![1], 6))

  const billing = await store.similaritySearch(query, 5, {
    must: [{ key: 'metadata.topic', match: { value: 'billing' } }],
  })
  expect(billing.map((d) => d.pageContent).sort()).toEqual([texts[2][0], texts[0][0]].sort())
  expect(billing.every((d) => d.metadata.topic === 'billing')).toBe(true)
  expect(mock).toHaveQueried('kb', { topK: 5, filter: { must: [{ key: 'metadata.topic' }] } })
})
