/**
 * The Qdrant dialect through `@qdrant/js-client-rest` pointed at the mock: collections, upsert, the query
 * API and the classic search with filters (checked against a brute-force ranking computed here), scroll,
 * count, retrieve, delete, canned results, sessions, and Qdrant-shaped errors.
 */
import { QdrantClient } from '@qdrant/js-client-rest'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { nearest, randomVectors, type Metric } from './brute-force'

let mock: Standin
let server: RunningServer
let client: QdrantClient

const DIM = 8
const vectors = randomVectors(50, DIM)
const points = vectors.map((values, i) => ({
  id: i + 1,
  values,
  payload: { group: i % 3 === 0 ? 'a' : 'b', rank: i, tags: i % 2 === 0 ? ['even'] : ['odd'] },
}))
const query = randomVectors(1, DIM, 99)[0]!

beforeAll(async () => {
  mock = createStandin()
  server = await mock.listen({ port: 0 })
  client = new QdrantClient({ url: server.url, checkCompatibility: false })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

async function seed(name = 'docs', distance: 'Cosine' | 'Dot' | 'Euclid' = 'Cosine') {
  await client.createCollection(name, { vectors: { size: DIM, distance } })
  await client.upsert(name, {
    wait: true,
    points: points.map((p) => ({ id: p.id, vector: p.values, payload: p.payload })),
  })
}

const METRICS: [Metric, 'Cosine' | 'Dot' | 'Euclid'][] = [
  ['cosine', 'Cosine'],
  ['dot', 'Dot'],
  ['euclidean', 'Euclid'],
]

describe('collections', () => {
  test('are created, described, listed, checked for existence and deleted', async () => {
    expect(await client.createCollection('docs', { vectors: { size: 4, distance: 'Dot' } })).toBe(true)
    const info = await client.getCollection('docs')
    expect(info).toMatchObject({
      status: 'green',
      points_count: 0,
      config: { params: { vectors: { size: 4, distance: 'Dot' } } },
    })
    expect(await client.getCollections()).toEqual({ collections: [{ name: 'docs' }] })
    expect(await client.collectionExists('docs')).toEqual({ exists: true })
    expect(await client.deleteCollection('docs')).toBe(true)
    expect(await client.collectionExists('docs')).toEqual({ exists: false })
  })

  test("a second create of the same name is a 409 in Qdrant's words", async () => {
    await client.createCollection('docs', { vectors: { size: 4, distance: 'Cosine' } })
    await expect(
      client.createCollection('docs', { vectors: { size: 4, distance: 'Cosine' } }),
    ).rejects.toMatchObject({
      status: 409,
      data: { status: { error: 'Wrong input: Collection `docs` already exists!' } },
    })
  })
})

describe('neighbours', () => {
  test.each(METRICS)(
    'query() with %s returns the brute-force top 5, in order, with their scores',
    async (metric, distance) => {
      await seed('docs', distance)
      const { points: found } = await client.query('docs', { query, limit: 5, with_payload: true })
      const expected = nearest(metric, points, query, 5)
      expect(found.map((p) => p.id)).toEqual(expected.map(([id]) => id))
      found.forEach((p, i) => expect(p.score).toBeCloseTo(expected[i]![1], 10))
      expect(found[0]!.payload).toEqual(points.find((p) => p.id === found[0]!.id)!.payload)
    },
  )

  test('a filter (must, must_not, should, range, match any) narrows the candidates before ranking', async () => {
    await seed()
    const filter = {
      must: [
        { key: 'group', match: { value: 'b' } },
        { key: 'rank', range: { gte: 10, lt: 40 } },
      ],
      must_not: [{ key: 'tags', match: { any: ['odd'] } }],
    }
    const { points: found } = await client.query('docs', { query, filter, limit: 4 })
    const candidates = points.filter(
      (p) =>
        p.payload.group === 'b' && p.payload.rank >= 10 && p.payload.rank < 40 && p.payload.tags[0] !== 'odd',
    )
    expect(found.map((p) => p.id)).toEqual(nearest('cosine', candidates, query, 4).map(([id]) => id))
    expect(found.every((p) => p.payload === undefined)).toBe(true)
  })

  test('has_id, is_empty, is_null, should and match except', async () => {
    await client.createCollection('c', { vectors: { size: 2, distance: 'Dot' } })
    await client.upsert('c', {
      wait: true,
      points: [
        { id: 1, vector: [1, 0], payload: { color: 'red', note: null } },
        { id: 2, vector: [0.9, 0], payload: { color: 'blue', tags: [] } },
        { id: 3, vector: [0.8, 0], payload: { color: 'green', tags: ['x'] } },
      ],
    })
    const ids = async (filter: Record<string, unknown>) =>
      (await client.query('c', { query: [1, 0], filter, limit: 10 })).points.map((p) => p.id)
    expect(await ids({ must: [{ has_id: [3, 1] }] })).toEqual([1, 3])
    expect(await ids({ must: [{ is_empty: { key: 'tags' } }] })).toEqual([1, 2])
    expect(await ids({ must: [{ is_null: { key: 'note' } }] })).toEqual([1])
    expect(
      await ids({
        should: [
          { key: 'color', match: { value: 'blue' } },
          { key: 'color', match: { value: 'green' } },
        ],
      }),
    ).toEqual([2, 3])
    expect(await ids({ must: [{ key: 'color', match: { except: ['red', 'green'] } }] })).toEqual([2])
  })

  test('the classic points/search answers the same neighbours as a bare list', async () => {
    await seed()
    const response = await fetch(`${server.url}/collections/docs/points/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vector: query, limit: 3, with_payload: ['group'] }),
    })
    const body = await response.json()
    expect(response.status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', time: expect.any(Number) })
    expect(body.result.map((p: { id: number }) => p.id)).toEqual(
      nearest('cosine', points, query, 3).map(([id]) => id),
    )
    expect(Object.keys(body.result[0].payload)).toEqual(['group'])
  })

  test('offset and score_threshold page and cut the ranking', async () => {
    await seed()
    const all = nearest('cosine', points, query, 50)
    const { points: page } = await client.query('docs', { query, limit: 2, offset: 3 })
    expect(page.map((p) => p.id)).toEqual(all.slice(3, 5).map(([id]) => id))
    const threshold = all[4]![1] - 1e-9
    const { points: above } = await client.query('docs', { query, limit: 50, score_threshold: threshold })
    expect(above).toHaveLength(5)
  })

  test('query.nearest with mmr re-picks the candidates for diversity, keeping their query scores', async () => {
    await client.createCollection('m', { vectors: { size: 2, distance: 'Cosine' } })
    await client.upsert('m', {
      wait: true,
      points: [
        { id: 1, vector: [1, 0] },
        { id: 2, vector: [0.99, 0.14] },
        { id: 3, vector: [0.6, 0.8] },
      ],
    })
    const plain = await client.query('m', { query: [1, 0.05], limit: 2 })
    expect(plain.points.map((p) => p.id)).toEqual([1, 2])
    const diverse = await client.query('m', {
      query: { nearest: [1, 0.05], mmr: { diversity: 0.9, candidates_limit: 3 } },
      limit: 2,
    })
    expect(diverse.points.map((p) => p.id)).toEqual([1, 3])
    expect(diverse.points[1]!.score).toBeCloseTo(0.64 / Math.hypot(1, 0.05), 10)
    expect(diverse.points[1]!.vector).toBeUndefined()
  })

  test('a cosine collection stores its vectors normalised, as Qdrant does', async () => {
    await client.createCollection('n', { vectors: { size: 2, distance: 'Cosine' } })
    await client.upsert('n', { wait: true, points: [{ id: 1, vector: [3, 4] }] })
    const [point] = await client.retrieve('n', { ids: [1], with_vector: true })
    expect(point!.vector).toEqual([0.6, 0.8])
  })
})

describe('points', () => {
  test('upsert by batch, retrieve, count, scroll pages, delete by ids and by filter', async () => {
    await client.createCollection('c', { vectors: { size: 2, distance: 'Euclid' } })
    const ids = [5, 1, 3, 2, 4]
    const result = await client.upsert('c', {
      wait: true,
      batch: { ids, vectors: ids.map((id) => [id, 0]), payloads: ids.map((id) => ({ odd: id % 2 === 1 })) },
    })
    expect(result).toMatchObject({ status: 'completed', operation_id: expect.any(Number) })
    expect(await client.retrieve('c', { ids: [3, 99] })).toEqual([{ id: 3, payload: { odd: true } }])
    expect(await client.count('c')).toEqual({ count: 5 })
    expect(await client.count('c', { filter: { must: [{ key: 'odd', match: { value: true } }] } })).toEqual({
      count: 3,
    })
    const first = await client.scroll('c', { limit: 2 })
    expect(first.points.map((p) => p.id)).toEqual([1, 2])
    expect(first.next_page_offset).toBe(3)
    const second = await client.scroll('c', {
      limit: 10,
      offset: first.next_page_offset as number,
      with_payload: false,
    })
    expect(second).toEqual({ points: [{ id: 3 }, { id: 4 }, { id: 5 }], next_page_offset: null })
    await client.delete('c', { wait: true, points: [1, 2] })
    await client.delete('c', { wait: true, filter: { must: [{ key: 'odd', match: { value: false } }] } })
    expect((await client.scroll('c', {})).points.map((p) => p.id)).toEqual([3, 5])
  })

  test('UUID ids are answered hyphenated and lower-case', async () => {
    await client.createCollection('u', { vectors: { size: 1, distance: 'Dot' } })
    await client.upsert('u', {
      wait: true,
      points: [{ id: 'A1B2C3D4-0000-4000-8000-000000000001', vector: [1] }],
    })
    const { points: found } = await client.query('u', { query: [1], limit: 1 })
    expect(found[0]!.id).toBe('a1b2c3d4-0000-4000-8000-000000000001')
  })
})

describe('canned results', () => {
  test('onQuery wins over the computed neighbours, cut to the limit, and needs no collection', async () => {
    await seed()
    mock.onQuery('docs', [
      { id: '7', score: 0.99, metadata: { title: 'canned' } },
      { id: '8', score: 0.5 },
    ])
    const { points: found } = await client.query('docs', { query, limit: 1, with_payload: true })
    expect(found).toEqual([{ id: 7, version: 0, score: 0.99, payload: { title: 'canned' } }])
    mock.onQuery('nowhere', (q) => [{ id: '1', score: q.topK }])
    expect((await client.query('nowhere', { query: [1, 2], limit: 3 })).points).toEqual([
      { id: 1, version: 0, score: 3 },
    ])
  })
})

describe('sessions', () => {
  test('each session has its own store', async () => {
    const one = mock.session('one')
    const two = mock.session('two')
    const a = new QdrantClient({ url: server.url, prefix: `/_s/${one.id}`, checkCompatibility: false })
    const b = new QdrantClient({ url: server.url, headers: two.headers, checkCompatibility: false })
    await a.createCollection('docs', { vectors: { size: 2, distance: 'Dot' } })
    await a.upsert('docs', { wait: true, points: [{ id: 1, vector: [1, 0] }] })
    expect(await a.count('docs')).toEqual({ count: 1 })
    expect(await b.collectionExists('docs')).toEqual({ exists: false })
    await b.createCollection('docs', { vectors: { size: 2, distance: 'Dot' } })
    expect(await b.count('docs')).toEqual({ count: 0 })
    one.reset()
    expect(await a.collectionExists('docs')).toEqual({ exists: false })
  })
})

describe("errors in Qdrant's shape", () => {
  const raw = (path: string, method: string, body?: string) =>
    fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body })

  test("in strict mode too, an unknown collection is Qdrant's own 404 (not the LLM miss 503)", async () => {
    mock.strict = true
    try {
      await expect(client.count('nope')).rejects.toMatchObject({
        status: 404,
        data: { status: { error: "Not found: Collection `nope` doesn't exist!" } },
      })
    } finally {
      mock.strict = false
    }
  })

  test('an unknown collection is a 404 naming it', async () => {
    await expect(client.query('nope', { query: [1] })).rejects.toMatchObject({
      status: 404,
      data: { status: { error: "Not found: Collection `nope` doesn't exist!" }, time: expect.any(Number) },
    })
  })

  test('a vector of the wrong dimension is a 400 naming expected and got', async () => {
    await seed()
    await expect(
      client.upsert('docs', { wait: true, points: [{ id: 1, vector: [1, 2, 3] }] }),
    ).rejects.toMatchObject({
      status: 400,
      data: { status: { error: `Wrong input: Vector dimension error: expected dim: ${DIM}, got 3` } },
    })
    await expect(client.query('docs', { query: [1] })).rejects.toMatchObject({
      status: 400,
      data: { status: { error: `Wrong input: Vector dimension error: expected dim: ${DIM}, got 1` } },
    })
  })

  test('bad JSON, a bad point id and a bad filter are 400s that say what is wrong', async () => {
    await seed()
    const badJson = await raw('/collections/docs/points/query', 'POST', '{"query": [1,')
    expect(badJson.status).toBe(400)
    expect((await badJson.json()).status.error).toMatch(/^Format error in JSON body: /)
    const badId = await raw(
      '/collections/docs/points',
      'PUT',
      JSON.stringify({ points: [{ id: 'not-a-uuid', vector: query }] }),
    )
    expect(badId.status).toBe(400)
    expect((await badId.json()).status.error).toMatch(
      /points\[0\]\.id: value "not-a-uuid" is not a valid point ID/,
    )
    const badFilter = await raw(
      '/collections/docs/points/count',
      'POST',
      JSON.stringify({ filter: { must: [{ key: 'x', match: 3 }] } }),
    )
    expect(badFilter.status).toBe(400)
    expect((await badFilter.json()).status.error).toMatch(/filter\.must\[0\]\.match: expected an object/)
  })
})

test('GET / answers the version the client checks on first use', async () => {
  const response = await fetch(`${server.url}/`, { headers: { 'user-agent': 'qdrant-js/1.20.0' } })
  expect(await response.json()).toMatchObject({ title: 'qdrant - vector search engine', version: '1.20.0' })
  expect(await client.versionInfo()).toMatchObject({ version: expect.stringMatching(/^1\.\d+\.\d+$/) })
})

test("the seed's /vector mount path serves the same API (client prefix)", async () => {
  const prefixed = new QdrantClient({ url: server.url, prefix: '/vector', checkCompatibility: false })
  await prefixed.createCollection('docs', { vectors: { size: 2, distance: 'Dot' } })
  expect(await client.collectionExists('docs')).toEqual({ exists: true })
})
