/**
 * Pinecone and Chroma over one store: the config's collections (at its `vector.path`) are served to both
 * clients, what one dialect writes the other reads, and sessions made in code reach each client through
 * its own carrier (Pinecone: the session URL; Chroma: the session headers).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Pinecone } from '@pinecone-database/pinecone'
import { ChromaClient } from 'chromadb'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createStandin, matchers, type Standin } from '../../src'

expect.extend(matchers)
declare module 'vitest' {
  interface Matchers<T = any> {
    toHaveQueried(collection: string, partial?: Record<string, unknown>): T
  }
}

let mock: Standin
let url: string
let close: () => Promise<void>

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-vector-'))
  const config = join(dir, 'aimock.json')
  writeFileSync(
    config,
    JSON.stringify({
      vector: {
        path: '/vectors-db',
        collections: [
          {
            name: 'handbook',
            dimension: 3,
            metric: 'cosine',
            vectors: [
              {
                id: 'a',
                values: [1, 0, 0],
                metadata: { topic: 'leave' },
                document: 'Annual leave is 25 days.',
              },
              { id: 'b', values: [0, 1, 0], metadata: { topic: 'pay' }, document: 'Pay day is the 25th.' },
              {
                id: 'c',
                values: [0.9, 0.1, 0],
                metadata: { topic: 'leave' },
                document: 'Sick leave is paid.',
              },
            ],
          },
          {
            name: 'faq',
            dimension: 2,
            queryResults: [{ id: 'faq-1', score: 0.75, metadata: { q: 'hours?' } }],
          },
        ],
      },
    }),
  )
  mock = createStandin({ config })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
})
afterAll(() => close())

function pinecone(base: string): Pinecone {
  return new Pinecone({ apiKey: `key-${randomUUID()}`, controllerHostUrl: base, maxRetries: 0 })
}

function chroma(headers?: Record<string, string>): ChromaClient {
  const { hostname, port } = new URL(url)
  return new ChromaClient({ host: hostname, port: Number(port), ssl: false, ...(headers && { headers }) })
}

it("serves the config's collections to Pinecone under the config's vector path", async () => {
  const pc = pinecone(`${url}/vectors-db`)
  const model = await pc.indexes.describe('handbook')
  expect(model.host).toBe(`${url}/vectors-db/indexes/handbook`)
  const result = await pc.index({ name: 'handbook' }).query({
    vector: [1, 0.05, 0],
    topK: 2,
    filter: { topic: 'leave' },
    includeMetadata: true,
  })
  expect(result.matches.map((m) => m.id)).toEqual(['a', 'c'])
  const canned = await pc.index({ name: 'faq' }).query({ vector: [0, 1], topK: 3, includeMetadata: true })
  expect(canned.matches).toEqual([{ id: 'faq-1', score: 0.75, values: [], metadata: { q: 'hours?' } }])
  expect(mock).toHaveQueried('handbook', { dialect: 'pinecone', topK: 2, filter: { topic: 'leave' } })
  expect(mock).toHaveQueried('faq', { dialect: 'pinecone', canned: true })
})

it("serves the config's collections to Chroma, documents included", async () => {
  const handbook = await chroma().getCollection({ name: 'handbook' })
  expect(handbook.configuration.hnsw?.space).toBe('cosine')
  const result = await handbook.query({
    queryEmbeddings: [[0, 1, 0.1]],
    nResults: 1,
    whereDocument: { $contains: '25' },
  })
  expect(result.ids).toEqual([['b']])
  expect(result.documents).toEqual([['Pay day is the 25th.']])
  expect(result.distances[0]![0]).toBeCloseTo(1 - 1 / Math.sqrt(1.01), 12)
  expect(mock).toHaveQueried('handbook', { dialect: 'chroma', topK: 1, records: 1 })
  expect(mock).not.toHaveQueried('handbook', { dialect: 'qdrant' })
})

it('answers Chroma at the config path too, for clients that take a base path', async () => {
  const response = await fetch(
    `${url}/vectors-db/api/v2/tenants/default_tenant/databases/default_database/collections/handbook/count`,
  )
  expect(await response.json()).toBe(3)
})

it('shares one store per session: what Pinecone writes, Chroma reads, in that session only', async () => {
  const session = mock.session('cross-dialect')
  const pc = pinecone(session.url)
  await pc.indexes.create({
    name: 'shared',
    schema: { fields: { _values: { type: 'dense_vector', dimension: 2, metric: 'euclidean' } } },
  })
  await pc.index({ name: 'shared' }).upsert({
    records: [
      { id: 'near', values: [1, 1], metadata: { kind: 'x' } },
      { id: 'far', values: [5, 5], metadata: { kind: 'y' } },
    ],
  })
  const inSession = await chroma(session.headers).getCollection({ name: 'shared' })
  expect(inSession.configuration.hnsw?.space).toBe('l2')
  const result = await inSession.query({
    queryEmbeddings: [[1, 2]],
    nResults: 2,
    include: ['distances', 'metadatas'],
  })
  expect(result.ids).toEqual([['near', 'far']])
  expect(result.distances).toEqual([[1, 25]])
  expect(result.metadatas).toEqual([[{ kind: 'x' }, { kind: 'y' }]])
  expect((await chroma().listCollections()).map((c) => c.name)).not.toContain('shared')
  expect(session.journal.entries.map((e) => (e.request as { dialect?: string } | null)?.dialect)).toEqual(
    expect.arrayContaining(['pinecone', 'chroma']),
  )
})
