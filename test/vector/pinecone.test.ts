/**
 * The Pinecone dialect through `@pinecone-database/pinecone`: the client finds each index's host through the
 * control plane, then upserts, queries, fetches, lists, updates and deletes on the store; a query returns
 * exactly the neighbours a brute-force computation gives.
 */
import { randomUUID } from 'node:crypto'
import { Errors, Pinecone } from '@pinecone-database/pinecone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStandin, type Standin } from '../../src'
import { bruteForce, seededVectors, type Metric } from './seeded-vectors'

const DIM = 8
const VECTORS = seededVectors(50, DIM)

let mock: Standin
let url: string
let close: () => Promise<void>

beforeAll(async () => {
  mock = createStandin()
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
})
afterAll(() => close())

/** A client of its own: the SDK caches index hosts per API key, so each test uses a fresh key. */
function client(base = url): Pinecone {
  return new Pinecone({ apiKey: `key-${randomUUID()}`, controllerHostUrl: base, maxRetries: 0 })
}

async function seededIndex(
  pc: Pinecone,
  name: string,
  metric: 'cosine' | 'dotproduct' | 'euclidean' = 'cosine',
) {
  await pc.indexes.create({
    name,
    schema: { fields: { _values: { type: 'dense_vector', dimension: DIM, metric } } },
    deployment: { deploymentType: 'managed', cloud: 'aws', region: 'us-east-1' },
    waitUntilReady: true,
  })
  const index = pc.index({ name })
  await index.upsert({
    records: VECTORS.map((v) => ({ id: v.id, values: v.values, metadata: v.metadata })),
  })
  return index
}

describe('Pinecone control plane', () => {
  it('creates an index whose host points back at the mock, and lists, describes and deletes it', async () => {
    const pc = client()
    const created = await pc.indexes.create({
      name: 'control-docs',
      schema: { fields: { _values: { type: 'dense_vector', dimension: 3, metric: 'euclidean' } } },
      deployment: { deploymentType: 'managed', cloud: 'aws', region: 'eu-west-1' },
    })
    expect(created.host).toBe(`${url}/indexes/control-docs`)
    expect(created.status.ready).toBe(true)
    expect(created.dimension).toBe(3)
    expect(created.metric).toBe('euclidean')

    const described = await pc.indexes.describe('control-docs')
    expect(described.deployment).toMatchObject({ deploymentType: 'managed', region: 'eu-west-1' })
    expect((await pc.indexes.list()).indexes?.map((i) => i.name)).toContain('control-docs')

    await pc.indexes.delete('control-docs')
    await expect(pc.indexes.describe('control-docs')).rejects.toBeInstanceOf(Errors.PineconeNotFoundError)
  })

  it('reads the older flat create options (dimension, metric, spec) too', async () => {
    const pc = client()
    const created = await pc.indexes.create({
      name: 'legacy-shape',
      dimension: 4,
      metric: 'dotproduct',
      spec: { serverless: { cloud: 'aws', region: 'us-east-1' } },
    })
    expect([created.dimension, created.metric]).toEqual([4, 'dotproduct'])
  })

  it('answers a duplicate name with a conflict and a bad name or dimension with a bad request', async () => {
    const pc = client()
    const schema = {
      fields: { _values: { type: 'dense_vector' as const, dimension: 3, metric: 'cosine' as const } },
    }
    await pc.indexes.create({ name: 'twice', schema })
    await expect(pc.indexes.create({ name: 'twice', schema })).rejects.toBeInstanceOf(
      Errors.PineconeConflictError,
    )
    const bad = pc.indexes.create({ name: 'Not_Valid', schema })
    await expect(bad).rejects.toBeInstanceOf(Errors.PineconeBadRequestError)
    await expect(bad).rejects.toThrow(/lower case alphanumeric/)
  })

  it('answers a raw request in the control plane error envelope', async () => {
    const response = await fetch(`${url}/indexes/nowhere`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Resource nowhere not found.' },
      status: 404,
    })
  })
})

describe('Pinecone data plane', () => {
  it.each<['cosine' | 'dotproduct' | 'euclidean', Metric]>([
    ['cosine', 'cosine'],
    ['dotproduct', 'dot'],
    ['euclidean', 'euclidean'],
  ])(
    'returns the brute-force top-k for %s, in order, with Pinecone scores',
    async (pineconeMetric, metric) => {
      const index = await seededIndex(client(), `knn-${pineconeMetric}`, pineconeMetric)
      const query = seededVectors(1, DIM, 7)[0]!.values
      const result = await index.query({ vector: query, topK: 7 })
      const expected = bruteForce(VECTORS, query, { metric, k: 7 })
      expect(result.matches.map((m) => m.id)).toEqual(expected.map((e) => e.id))
      result.matches.forEach((m, i) => expect(m.score).toBeCloseTo(expected[i]!.score, 10))
    },
  )

  it('applies a metadata filter before taking the top k', async () => {
    const index = await seededIndex(client(), 'filtered')
    const query = seededVectors(1, DIM, 11)[0]!.values
    const filter = { $and: [{ lang: 'en' }, { year: { $gte: 2010, $lt: 2040 } }, { group: { $in: [0, 2] } }] }
    const result = await index.query({ vector: query, topK: 5, filter, includeMetadata: true })
    const expected = bruteForce(VECTORS, query, {
      metric: 'cosine',
      k: 5,
      keep: (v) =>
        v.metadata.lang === 'en' &&
        v.metadata.year >= 2010 &&
        v.metadata.year < 2040 &&
        v.metadata.group !== 1,
    })
    expect(result.matches.map((m) => m.id)).toEqual(expected.map((e) => e.id))
    expect(result.matches[0]!.metadata).toEqual(VECTORS.find((v) => v.id === expected[0]!.id)!.metadata)
    expect(result.matches[0]!.values).toEqual([])
  })

  it('matches list metadata element-wise ($eq on a list, $nin, $exists)', async () => {
    const index = await seededIndex(client(), 'list-metadata')
    const query = VECTORS[0]!.values
    const sport = await index.query({ vector: query, topK: 50, filter: { tags: 'sport' } })
    expect(sport.matches.map((m) => m.id).sort()).toEqual(
      VECTORS.filter((v) => v.metadata.tags.includes('sport')).map((v) => v.id),
    )
    const notBlog = await index.query({ vector: query, topK: 50, filter: { tags: { $nin: ['blog'] } } })
    expect(notBlog.matches).toHaveLength(sport.matches.length)
    const missing = await index.query({ vector: query, topK: 50, filter: { rating: { $exists: true } } })
    expect(missing.matches).toEqual([])
  })

  it('queries by the id of a stored vector, with its values', async () => {
    const index = await seededIndex(client(), 'by-id')
    const result = await index.query({ id: 'v03', topK: 3, includeValues: true })
    const expected = bruteForce(VECTORS, VECTORS[3]!.values, { metric: 'cosine', k: 3 })
    expect(result.matches.map((m) => m.id)).toEqual(expected.map((e) => e.id))
    expect(result.matches[0]!.values).toEqual(VECTORS[3]!.values)
  })

  it('fetches, lists with pagination, updates and deletes records', async () => {
    const index = await seededIndex(client(), 'crud')
    const fetched = await index.fetch({ ids: ['v01', 'v02', 'missing'] })
    expect(Object.keys(fetched.records).sort()).toEqual(['v01', 'v02'])
    expect(fetched.records.v01!.values).toEqual(VECTORS[1]!.values)

    const first = await index.listPaginated({ prefix: 'v1', limit: 4 })
    expect(first.vectors?.map((v) => v.id)).toEqual(['v10', 'v11', 'v12', 'v13'])
    const second = await index.listPaginated({
      prefix: 'v1',
      limit: 4,
      paginationToken: first.pagination!.next,
    })
    expect(second.vectors?.map((v) => v.id)).toEqual(['v14', 'v15', 'v16', 'v17'])
    const last = await index.listPaginated({
      prefix: 'v1',
      limit: 4,
      paginationToken: (await index.listPaginated({ prefix: 'v1', limit: 8 })).pagination!.next,
    })
    expect(last.vectors?.map((v) => v.id)).toEqual(['v18', 'v19'])
    expect(last.pagination).toBeUndefined()

    await index.update({ id: 'v01', metadata: { lang: 'de' } })
    expect((await index.fetch({ ids: ['v01'] })).records.v01!.metadata).toMatchObject({
      lang: 'de',
      group: 1,
    })

    await index.deleteMany({ ids: ['v01', 'v02'] })
    // The client refuses a falsy filter value (`{ group: 0 }`), so the operator form.
    await index.deleteMany({ filter: { group: { $eq: 0 } } })
    const stats = await index.describeIndexStats()
    const remaining = VECTORS.filter((v) => !['v01', 'v02'].includes(v.id) && v.metadata.group !== 0)
    expect(stats.totalRecordCount).toBe(remaining.length)
    expect(stats.dimension).toBe(DIM)
    await index.deleteAll()
    expect((await index.describeIndexStats()).totalRecordCount).toBe(0)
  })

  it('keeps namespaces apart and counts them in the stats', async () => {
    const pc = client()
    const index = await seededIndex(pc, 'spaces')
    const other = index.namespace('other')
    await other.upsert({ records: [{ id: 'x', values: VECTORS[0]!.values, metadata: { lang: 'en' } }] })
    const inOther = await other.query({ vector: VECTORS[0]!.values, topK: 10 })
    expect(inOther.matches.map((m) => m.id)).toEqual(['x'])
    const stats = await index.describeIndexStats()
    expect(stats.namespaces).toEqual({ __default__: { recordCount: 50 }, other: { recordCount: 1 } })
    expect((await index.describeIndexStats({ filter: { lang: 'en' } })).totalRecordCount).toBe(26)
  })

  it('refuses a vector of the wrong dimension with PineconeBadRequestError and the rpc status body', async () => {
    const index = await seededIndex(client(), 'wrong-dim')
    const upsert = index.upsert({ records: [{ id: 'bad', values: [1, 2, 3] }] })
    await expect(upsert).rejects.toBeInstanceOf(Errors.PineconeBadRequestError)
    await expect(upsert).rejects.toThrow('Vector dimension 3 does not match the dimension of the index 8')
    const raw = await fetch(`${url}/indexes/wrong-dim/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vector: [1], topK: 1 }),
    })
    expect(raw.status).toBe(400)
    expect(await raw.json()).toEqual({
      code: 3,
      message: 'Query vector dimension 1 does not match the dimension of the index 8',
      details: [],
    })
  })

  it('answers an unknown index with PineconeNotFoundError', async () => {
    const pc = client()
    await expect(pc.index({ name: 'absent' }).query({ vector: [1], topK: 1 })).rejects.toBeInstanceOf(
      Errors.PineconeNotFoundError,
    )
    const direct = pc.index({ host: `${url}/indexes/absent` })
    await expect(direct.query({ vector: [1], topK: 1 })).rejects.toBeInstanceOf(Errors.PineconeNotFoundError)
  })

  it('journals each call as a vector operation', async () => {
    const index = await seededIndex(client(), 'journaled')
    await index.query({ vector: VECTORS[0]!.values, topK: 2, filter: { lang: 'en' } })
    const entry = mock.journal.last({ method: 'POST' })
    expect(entry?.request).toMatchObject({
      kind: 'vector',
      dialect: 'pinecone',
      operation: 'query',
      collection: 'journaled',
      namespace: '',
      topK: 2,
      filter: { lang: 'en' },
      records: 2,
      canned: false,
    })
  })
})

describe('Pinecone at the vector path without an index host (as AIMock served it)', () => {
  it('names the index by namespace, else uses the only one, and makes one on a first upsert', async () => {
    const session = mock.session('hostless')
    session.onQuery('docs', [{ id: 'doc-1', score: 0.9, metadata: { title: 'Intro' } }])
    const pc = client()
    const host = `${session.url}/vector`
    const docs = pc.index({ host, namespace: 'docs' })
    expect((await docs.query({ vector: [1, 2], topK: 1, includeMetadata: true })).matches).toEqual([
      { id: 'doc-1', score: 0.9, values: [], metadata: { title: 'Intro' } },
    ])

    const plain = pc.index({ host })
    await plain.upsert({ records: VECTORS.map((v) => ({ id: v.id, values: v.values })) })
    const query = seededVectors(1, DIM, 3)[0]!.values
    const expected = bruteForce(VECTORS, query, { metric: 'cosine', k: 3 })
    expect((await plain.query({ vector: query, topK: 3 })).matches.map((m) => m.id)).toEqual(
      expected.map((e) => e.id),
    )
    expect((await client(session.url).indexes.describe('default')).dimension).toBe(DIM)
    expect((await plain.describeIndexStats()).totalRecordCount).toBe(50)

    await client(session.url).indexes.create({
      name: 'second',
      schema: { fields: { _values: { type: 'dense_vector', dimension: DIM, metric: 'cosine' } } },
    })
    const ambiguous = plain.query({ vector: query, topK: 1 })
    await expect(ambiguous).rejects.toBeInstanceOf(Errors.PineconeNotFoundError)
    expect(session.journal.last()?.response.error?.message).toMatch(/names no index/)
  })
})

describe('Pinecone in process', () => {
  it('describes a host on the origin the client used, and serves it through handle()', async () => {
    const pc = new Pinecone({
      apiKey: `key-${randomUUID()}`,
      controllerHostUrl: 'http://pinecone.test',
      maxRetries: 0,
      fetchApi: (input, init) => mock.handle(new Request(input, init)),
    })
    const model = await pc.indexes.create({
      name: 'in-process',
      schema: { fields: { _values: { type: 'dense_vector', dimension: 2, metric: 'cosine' } } },
    })
    expect(model.host).toBe('http://pinecone.test/indexes/in-process')
    const index = pc.index({ name: 'in-process' })
    await index.upsert({
      records: [
        { id: 'x', values: [1, 0] },
        { id: 'y', values: [0, 1] },
      ],
    })
    expect((await index.query({ vector: [0.2, 0.9], topK: 1 })).matches.map((m) => m.id)).toEqual(['y'])
  })
})

describe('Pinecone sessions and canned results', () => {
  it('gives each standin session its own indexes, through the host the session describes', async () => {
    const a = client(`${url}/_s/pine-a`)
    const b = client(`${url}/_s/pine-b`)
    const inA = await seededIndex(a, 'per-session')
    expect((await a.indexes.describe('per-session')).host).toBe(`${url}/_s/pine-a/indexes/per-session`)
    await expect(b.indexes.describe('per-session')).rejects.toBeInstanceOf(Errors.PineconeNotFoundError)
    await b.indexes.create({
      name: 'per-session',
      schema: { fields: { _values: { type: 'dense_vector', dimension: DIM, metric: 'cosine' } } },
    })
    const inB = b.index({ name: 'per-session' })
    expect((await inB.describeIndexStats()).totalRecordCount).toBe(0)
    expect((await inA.describeIndexStats()).totalRecordCount).toBe(50)
  })

  it('answers a query with canned results when the index has some, even before it exists', async () => {
    mock.onQuery('canned-docs', [
      { id: 'doc-1', score: 0.95, metadata: { title: 'Getting Started' } },
      { id: 'doc-2', score: 0.87, metadata: { title: 'API Reference' } },
      { id: 'doc-3', score: 0.5 },
    ])
    const pc = client()
    const result = await pc
      .index({ name: 'canned-docs' })
      .query({ vector: [0.1, 0.2], topK: 2, includeMetadata: true })
    expect(result.matches).toEqual([
      { id: 'doc-1', score: 0.95, values: [], metadata: { title: 'Getting Started' } },
      { id: 'doc-2', score: 0.87, values: [], metadata: { title: 'API Reference' } },
    ])
    expect(mock.journal.last({ method: 'POST' })?.request).toMatchObject({ operation: 'query', canned: true })
  })

  it("lets a session's canned results win there only, converted like computed scores", async () => {
    const session = mock.session('pine-canned')
    session.onQuery('session-canned', [{ id: 'near', score: 0.5 }])
    const pc = client(session.url)
    await pc.indexes.create({
      name: 'session-canned',
      schema: { fields: { _values: { type: 'dense_vector', dimension: 2, metric: 'euclidean' } } },
    })
    await pc.index({ name: 'session-canned' }).upsert({ records: [{ id: 'stored', values: [0, 0] }] })
    // A canned score is the store's euclidean distance; Pinecone reports it squared.
    const canned = await pc.index({ name: 'session-canned' }).query({ vector: [1, 1], topK: 1 })
    expect(canned.matches).toEqual([{ id: 'near', score: 0.25, values: [] }])

    const other = client()
    await other.indexes.create({
      name: 'session-canned',
      schema: { fields: { _values: { type: 'dense_vector', dimension: 2, metric: 'euclidean' } } },
    })
    await other.index({ name: 'session-canned' }).upsert({ records: [{ id: 'stored', values: [0, 0] }] })
    const computed = await other.index({ name: 'session-canned' }).query({ vector: [1, 1], topK: 1 })
    expect(computed.matches.map((m) => [m.id, m.score])).toEqual([['stored', 2]])
  })
})
