/**
 * The Chroma dialect through the `chromadb` client (v2 API): collections in tenants and databases, add and
 * upsert, query with `where` and `where_document`, get, update, delete and count; a query returns exactly
 * the neighbours a brute-force computation gives, with Chroma's distances.
 */
import {
  AdminClient,
  ChromaClient,
  ChromaClientError,
  ChromaNotFoundError,
  ChromaUniqueError,
  type Collection,
  type EmbeddingFunction,
} from 'chromadb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStandin, type Standin } from '../../src'
import { bruteForce, seededVectors, type Metric } from './seeded-vectors'

const DIM = 6
const VECTORS = seededVectors(50, DIM, 5)

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

/** The client reaches the mock at the root (it takes no base path); a session travels in a header. */
function client(session?: string): ChromaClient {
  const { hostname, port } = new URL(url)
  return new ChromaClient({
    host: hostname,
    port: Number(port),
    ssl: false,
    ...(session !== undefined && { headers: { 'x-standin-session': session } }),
  })
}

async function seededCollection(chroma: ChromaClient, name: string, space: 'l2' | 'cosine' | 'ip' = 'l2') {
  const collection = await chroma.createCollection({
    name,
    configuration: { hnsw: { space } },
    embeddingFunction: null,
  })
  await collection.add({
    ids: VECTORS.map((v) => v.id),
    embeddings: VECTORS.map((v) => v.values),
    metadatas: VECTORS.map((v) => ({
      group: v.metadata.group,
      lang: v.metadata.lang,
      year: v.metadata.year,
    })),
    documents: VECTORS.map((v) => v.document),
  })
  return collection
}

/** Chroma's distance for a brute-force score. */
function distance(space: 'l2' | 'cosine' | 'ip', score: number): number {
  return space === 'l2' ? score : 1 - score
}

describe('Chroma system and collections', () => {
  it('answers heartbeat, version and the identity the client resolves', async () => {
    const chroma = client()
    expect(await chroma.heartbeat()).toBeGreaterThan(0)
    expect(await chroma.version()).toMatch(/^\d+\.\d+\.\d+$/)
    expect(await chroma.getUserIdentity()).toEqual({
      user_id: '',
      tenant: 'default_tenant',
      databases: ['default_database'],
    })
  })

  it('creates, gets (by name and id), lists, counts and deletes collections', async () => {
    const chroma = client('crud-collections')
    const made = await chroma.createCollection({
      name: 'docs',
      metadata: { owner: 'qa' },
      embeddingFunction: null,
    })
    expect(made.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(made.metadata).toEqual({ owner: 'qa' })
    expect((await chroma.getCollection({ name: 'docs' })).id).toBe(made.id)
    expect((await chroma.getCollectionById(made.id)).name).toBe('docs')
    const again = await chroma.getOrCreateCollection({ name: 'docs', embeddingFunction: null })
    expect(again.id).toBe(made.id)
    await chroma.createCollection({ name: 'other', embeddingFunction: null })
    expect((await chroma.listCollections()).map((c) => c.name)).toEqual(['docs', 'other'])
    expect(await chroma.countCollections()).toBe(2)
    await chroma.deleteCollection({ name: 'docs' })
    await expect(chroma.getCollection({ name: 'docs' })).rejects.toBeInstanceOf(ChromaNotFoundError)
    expect(await chroma.countCollections()).toBe(1)
  })

  it('refuses a duplicate collection with ChromaUniqueError and a bad name with ChromaClientError', async () => {
    const chroma = client('bad-collections')
    await chroma.createCollection({ name: 'twice', embeddingFunction: null })
    await expect(chroma.createCollection({ name: 'twice', embeddingFunction: null })).rejects.toBeInstanceOf(
      ChromaUniqueError,
    )
    const bad = chroma.createCollection({ name: 'x', embeddingFunction: null })
    await expect(bad).rejects.toBeInstanceOf(ChromaClientError)
    await expect(bad).rejects.toThrow(/3-512 characters/)
  })

  it('keeps collections of other tenants and databases apart', async () => {
    const { hostname, port } = new URL(url)
    const admin = new AdminClient({ host: hostname, port: Number(port), ssl: false })
    await admin.createTenant({ name: 'acme' })
    await admin.createDatabase({ name: 'prod', tenant: 'acme' })
    expect((await admin.listDatabases({ tenant: 'acme' })).map((d) => d.name)).toEqual(['prod'])
    const acme = new ChromaClient({
      host: hostname,
      port: Number(port),
      ssl: false,
      tenant: 'acme',
      database: 'prod',
    })
    await acme.createCollection({ name: 'tenant-docs', embeddingFunction: null })
    expect((await acme.listCollections()).map((c) => c.name)).toEqual(['tenant-docs'])
    await expect(client().getCollection({ name: 'tenant-docs' })).rejects.toBeInstanceOf(ChromaNotFoundError)
  })
})

describe('Chroma records', () => {
  it.each<['l2' | 'cosine' | 'ip', Metric]>([
    ['l2', 'euclidean'],
    ['cosine', 'cosine'],
    ['ip', 'dot'],
  ])('returns the brute-force neighbours for space %s with Chroma distances', async (space, metric) => {
    const collection = await seededCollection(client(`knn-${space}`), `knn-${space}`, space)
    const queries = seededVectors(2, DIM, 99).map((v) => v.values)
    const result = await collection.query({ queryEmbeddings: queries, nResults: 6 })
    queries.forEach((query, q) => {
      const expected = bruteForce(VECTORS, query, { metric, k: 6 })
      expect(result.ids[q]).toEqual(expected.map((e) => e.id))
      result.distances[q]!.forEach((d, i) => expect(d).toBeCloseTo(distance(space, expected[i]!.score), 10))
      expect(result.documents[q]![0]).toBe(VECTORS.find((v) => v.id === expected[0]!.id)!.document)
    })
    expect(result.embeddings).toEqual([])
  })

  it('filters with where and where_document before taking the nearest', async () => {
    const collection = await seededCollection(client('where'), 'where', 'cosine')
    const query = VECTORS[7]!.values
    const result = await collection.query({
      queryEmbeddings: [query],
      nResults: 4,
      where: { $and: [{ lang: 'fr' }, { year: { $gt: 2005 } }] },
      whereDocument: { $contains: 'number' },
      include: ['metadatas', 'distances', 'embeddings'],
    })
    const expected = bruteForce(VECTORS, query, {
      metric: 'cosine',
      k: 4,
      keep: (v) => v.metadata.lang === 'fr' && v.metadata.year > 2005,
    })
    expect(result.ids[0]).toEqual(expected.map((e) => e.id))
    expect(result.metadatas[0]!.every((m) => m?.lang === 'fr')).toBe(true)
    expect(result.embeddings[0]![0]).toEqual(VECTORS.find((v) => v.id === expected[0]!.id)!.values)
    const about = await collection.get({ whereDocument: { $contains: 'about vectors' } })
    expect(about.ids).toEqual(VECTORS.filter((v) => v.document.includes('about vectors')).map((v) => v.id))
    const inGroups = await collection.get({ where: { group: { $in: [0, 1] } }, limit: 3, offset: 1 })
    expect(inGroups.ids).toEqual(
      VECTORS.filter((v) => v.metadata.group !== 2)
        .slice(1, 4)
        .map((v) => v.id),
    )
  })

  it('gets by id, upserts, updates (merging metadata), deletes and counts', async () => {
    const collection = await seededCollection(client('records'), 'records')
    expect(await collection.count()).toBe(50)
    const got = await collection.get({
      ids: ['v03', 'v01'],
      include: ['embeddings', 'metadatas', 'documents'],
    })
    expect(got.ids).toEqual(['v03', 'v01'])
    expect(got.embeddings[0]).toEqual(VECTORS[3]!.values)

    await collection.upsert({ ids: ['v01', 'new'], embeddings: [VECTORS[2]!.values, VECTORS[4]!.values] })
    expect(await collection.count()).toBe(51)
    expect((await collection.get({ ids: ['v01'], include: ['embeddings'] })).embeddings[0]).toEqual(
      VECTORS[2]!.values,
    )

    await collection.update({ ids: ['v05', 'nobody'], metadatas: [{ lang: 'de', extra: 1 }, { lang: 'xx' }] })
    const updated = await collection.get({ ids: ['v05'] })
    expect(updated.metadatas[0]).toEqual({ group: 2, lang: 'de', year: 2005, extra: 1 })

    // add ignores ids it already holds, as Chroma does.
    await collection.add({ ids: ['v06'], embeddings: [VECTORS[0]!.values], documents: ['replaced?'] })
    expect((await collection.get({ ids: ['v06'] })).documents[0]).toBe(VECTORS[6]!.document)

    expect((await collection.delete({ ids: ['v01', 'v02'] })).deleted).toBe(2)
    expect((await collection.delete({ where: { group: 0 } })).deleted).toBe(
      VECTORS.filter((v) => v.metadata.group === 0 && !['v01', 'v02'].includes(v.id)).length,
    )
    expect(await collection.count()).toBe(
      51 - 2 - VECTORS.filter((v) => v.metadata.group === 0 && !['v01', 'v02'].includes(v.id)).length,
    )
  })

  it('renames a collection and changes its metadata, keeping its id and records', async () => {
    const chroma = client('rename')
    const collection = await seededCollection(chroma, 'before')
    await collection.modify({ name: 'after', metadata: { version: 2 } })
    expect(await collection.count()).toBe(50)
    const renamed = await chroma.getCollection({ name: 'after' })
    expect([renamed.id, renamed.metadata]).toEqual([collection.id, { version: 2 }])
    await expect(chroma.getCollection({ name: 'before' })).rejects.toBeInstanceOf(ChromaNotFoundError)
    const result = await renamed.query({ queryEmbeddings: [VECTORS[9]!.values], nResults: 1 })
    expect(result.ids).toEqual([['v09']])
  })

  it('embeds documents with the embedding function the test gives the client', async () => {
    // One dimension per word the test cares about: deterministic, and no model to download.
    const words = ['short', 'longer', 'vectors']
    const letters: EmbeddingFunction = {
      generate: async (texts) => texts.map((t) => words.map((w) => (t.includes(w) ? 1 : 0))),
    }
    const chroma = client('embedded')
    const collection = await chroma.createCollection({ name: 'embedded', embeddingFunction: letters })
    await collection.add({
      ids: ['a', 'b', 'c'],
      documents: ['short', 'a longer text', 'all about vectors here'],
    })
    const result = await collection.query({ queryTexts: ['about vectors'], nResults: 1 })
    expect(result.ids).toEqual([['c']])
  })

  it('refuses an embedding of the wrong dimension with ChromaClientError in Chroma words', async () => {
    const collection = await seededCollection(client('wrong-dim'), 'wrong-dim')
    const add = collection.add({ ids: ['bad'], embeddings: [[1, 2]] })
    await expect(add).rejects.toBeInstanceOf(ChromaClientError)
    await expect(add).rejects.toThrow('Collection expecting embedding with dimension of 6, got 2')
    const raw = await fetch(
      `${url}/api/v2/tenants/default_tenant/databases/default_database/collections/nope/count`,
    )
    expect(raw.status).toBe(404)
    expect(await raw.json()).toEqual({ error: 'NotFoundError', message: 'Collection [nope] does not exist' })
  })

  it('answers a deleted collection with ChromaNotFoundError', async () => {
    const chroma = client('gone')
    const collection: Collection = await seededCollection(chroma, 'gone')
    await chroma.deleteCollection({ name: 'gone' })
    await expect(collection.count()).rejects.toBeInstanceOf(ChromaNotFoundError)
  })
})

describe('Chroma sessions and canned results', () => {
  it('lets the app get and query a collection that only has canned results', async () => {
    mock.onQuery('canned-only', [{ id: 'doc-9', score: 0.75, document: 'From the fixture' }])
    const collection = await client('canned-only').getCollection({ name: 'canned-only' })
    const result = await collection.query({ queryEmbeddings: [[0.3, 0.4]], nResults: 3 })
    expect(result.ids).toEqual([['doc-9']])
    expect(result.distances).toEqual([[0.25]])
    expect(result.documents).toEqual([['From the fixture']])
  })

  it('gives each standin session its own collections', async () => {
    const a = client('chroma-a')
    const b = client('chroma-b')
    await seededCollection(a, 'shared-name')
    await expect(b.getCollection({ name: 'shared-name' })).rejects.toBeInstanceOf(ChromaNotFoundError)
    const inB = await b.createCollection({ name: 'shared-name', embeddingFunction: null })
    expect(await inB.count()).toBe(0)
    expect(await (await a.getCollection({ name: 'shared-name' })).count()).toBe(50)
  })

  it('answers a query with canned results when the collection has some', async () => {
    mock.onQuery('canned-chroma', [
      { id: 'doc-1', score: 0.9, metadata: { title: 'Getting Started' }, document: 'Start here' },
      { id: 'doc-2', score: 0.8 },
    ])
    const chroma = client('canned')
    const collection = await chroma.createCollection({
      name: 'canned-chroma',
      configuration: { hnsw: { space: 'cosine' } },
      embeddingFunction: null,
    })
    const result = await collection.query({ queryEmbeddings: [[1, 2, 3]], nResults: 5 })
    expect(result.ids).toEqual([['doc-1', 'doc-2']])
    // A canned score is a similarity in the store's terms; a cosine collection reports 1 − score.
    expect(result.distances[0]).toEqual([expect.closeTo(0.1, 12), expect.closeTo(0.2, 12)])
    expect(result.documents).toEqual([['Start here', null]])
    expect(result.metadatas).toEqual([[{ title: 'Getting Started' }, null]])
    expect(mock.journal.last({ method: 'POST' })?.request).toMatchObject({
      kind: 'vector',
      dialect: 'chroma',
      operation: 'query',
      collection: 'canned-chroma',
      canned: true,
      records: 2,
    })
  })
})
