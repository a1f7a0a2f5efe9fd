/**
 * Vector operations in the journal and the matchers: each Qdrant call is one `vector` entry,
 * `toHaveQueried(collection, partial)` reads them, and chaos applies to the vector routes like any mount.
 */
import { QdrantClient } from '@qdrant/js-client-rest'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, matchers, type RunningServer, type Standin } from '../../src'

let mock: Standin
let server: RunningServer
let client: QdrantClient

beforeAll(async () => {
  mock = createStandin()
  server = await mock.listen({ port: 0 })
  client = new QdrantClient({ url: server.url, checkCompatibility: false })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.clearChaos()
})

expect.extend(matchers)
declare module 'vitest' {
  interface Matchers<T = any> {
    toHaveQueried(collection: string, partial?: Record<string, unknown>): T
  }
}

async function docs() {
  await client.createCollection('docs', { vectors: { size: 2, distance: 'Dot' } })
  await client.upsert('docs', { wait: true, points: [{ id: 1, vector: [1, 0], payload: { lang: 'en' } }] })
}

describe('journal', () => {
  test('each operation is one vector entry naming dialect, operation and collection', async () => {
    await docs()
    const filter = { must: [{ key: 'lang', match: { value: 'en' } }] }
    await client.query('docs', { query: [1, 0], limit: 3, filter })
    const requests = mock.journal.entries.map((e) => e.request)
    expect(requests).toEqual([
      expect.objectContaining({
        kind: 'vector',
        dialect: 'qdrant',
        operation: 'create-collection',
        collection: 'docs',
      }),
      expect.objectContaining({ operation: 'upsert', collection: 'docs', records: 1 }),
      expect.objectContaining({
        operation: 'query',
        collection: 'docs',
        topK: 3,
        filter,
        records: 1,
        canned: false,
      }),
    ])
    expect(mock.journal.entries.every((e) => e.provider === 'vector')).toBe(true)
  })

  test('a failed operation is journaled with its status and error', async () => {
    await expect(client.count('nope')).rejects.toMatchObject({ status: 404 })
    const [entry] = mock.journal.entries
    expect(entry!.request).toMatchObject({ kind: 'vector', operation: 'count', collection: 'nope' })
    expect(entry!.response).toMatchObject({
      status: 404,
      error: { message: "Not found: Collection `nope` doesn't exist!" },
    })
  })

  test('toHaveReceivedRequest sees the operation fields', async () => {
    await docs()
    expect(mock).toHaveReceivedRequest({ kind: 'vector', operation: 'upsert', collection: 'docs' })
  })
})

describe('toHaveQueried', () => {
  test('passes for a query on the collection, with a partial match on topK, filter, canned', async () => {
    await docs()
    await client.query('docs', {
      query: [1, 0],
      limit: 2,
      filter: { must: [{ key: 'lang', match: { value: 'en' } }] },
    })
    expect(mock).toHaveQueried('docs')
    expect(mock).toHaveQueried('docs', { topK: 2, dialect: 'qdrant', canned: false })
    expect(mock).toHaveQueried('docs', { filter: { must: [expect.objectContaining({ key: 'lang' })] } })
    expect(mock).not.toHaveQueried('other')
    expect(mock).not.toHaveQueried('docs', { topK: 5 })
  })

  test('fails with a message listing the queries the journal holds', async () => {
    await docs()
    await client.query('docs', { query: [1, 0], limit: 2 })
    const result = matchers.toHaveQueried(mock, 'docs', { topK: 9 })
    expect(result.pass).toBe(false)
    expect(result.message()).toContain('expected collection "docs" to have been queried with { "topK": 9 }')
    expect(result.message()).toContain('qdrant docs, topK 2 (')
    expect(matchers.toHaveQueried(mock, 'docs').pass).toBe(true)
  })

  test('upserts and counts are not queries', async () => {
    await docs()
    await client.count('docs')
    expect(mock).not.toHaveQueried('docs')
  })

  test('a canned answer is journaled as canned', async () => {
    mock.onQuery('faq', [{ id: '1', score: 1 }])
    await client.query('faq', { query: [0.5], limit: 1 })
    expect(mock).toHaveQueried('faq', { canned: true })
  })

  test('reads a session journal only', async () => {
    const session = mock.session()
    const scoped = new QdrantClient({ url: server.url, headers: session.headers, checkCompatibility: false })
    session.onQuery('faq', [{ id: '1', score: 1 }])
    await scoped.query('faq', { query: [1], limit: 1 })
    expect(session).toHaveQueried('faq')
    await client.query('faq', { query: [1], limit: 1 }).catch(() => undefined)
    expect(mock.session('other')).not.toHaveQueried('faq')
  })
})

describe('chaos', () => {
  test('a drop on a vector route is a 500 the client throws, journaled as the drop', async () => {
    await docs()
    mock.setChaos({ dropRate: 1 })
    await expect(client.query('docs', { query: [1, 0] })).rejects.toMatchObject({ status: 500 })
    mock.clearChaos()
    const last = mock.journal.entries.at(-1)!
    expect(last.response).toMatchObject({ status: 500, chaos: 'drop' })
    expect(mock).not.toHaveQueried('docs')
  })

  test('the x-standin-chaos-drop header drops one request', async () => {
    await docs()
    const response = await fetch(`${server.url}/collections/docs`, {
      headers: { 'x-standin-chaos-drop': '1' },
    })
    expect(response.status).toBe(500)
    expect((await fetch(`${server.url}/collections/docs`)).status).toBe(200)
  })
})
