/**
 * Bad input on every Pinecone and Chroma route gets the dialect's own 4xx envelope with a message naming
 * what is wrong, never a 500: malformed JSON, wrong types, unknown operators, wrong dimensions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStandin, type Standin } from '../../src'

let mock: Standin
let url: string
let close: () => Promise<void>

const CHROMA = '/api/v2/tenants/default_tenant/databases/default_database'

beforeAll(async () => {
  mock = createStandin()
  mock.addCollection('docs', { dimension: 2 }, [
    { id: 'a', values: [1, 0], metadata: { n: 1 }, document: 'x' },
  ])
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
})
afterAll(() => close())

async function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) }
}

const PINECONE_DATA: [string, string, unknown][] = [
  ['POST', '/indexes/docs/vectors/upsert', '{not json'],
  ['POST', '/indexes/docs/vectors/upsert', { vectors: 'nope' }],
  ['POST', '/indexes/docs/vectors/upsert', { vectors: [{ id: 'b' }] }],
  ['POST', '/indexes/docs/vectors/upsert', { vectors: [{ id: 'b', values: ['1', 2] }] }],
  [
    'POST',
    '/indexes/docs/vectors/upsert',
    { vectors: [{ id: 'b', values: [1, 2], metadata: { deep: { x: 1 } } }] },
  ],
  ['POST', '/indexes/docs/query', { vector: [1, 0] }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], topK: 0 }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], id: 'a', topK: 1 }],
  ['POST', '/indexes/docs/query', { topK: 1 }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], topK: 1, filter: { n: { $regex: 'x' } } }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], topK: 1, filter: { n: { $gt: 'one' } } }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], topK: 1, filter: { $or: [] } }],
  ['POST', '/indexes/docs/query', { vector: [1, 0], topK: 1, filter: [] }],
  ['GET', '/indexes/docs/vectors/fetch', undefined],
  ['GET', '/indexes/docs/vectors/list?limit=1000', undefined],
  ['GET', '/indexes/docs/vectors/list?paginationToken=%25%25', undefined],
  ['POST', '/indexes/docs/vectors/delete', {}],
  ['POST', '/indexes/docs/vectors/delete', { ids: [1] }],
  ['POST', '/indexes/docs/vectors/update', { values: [1, 2] }],
  ['POST', '/indexes/docs/vectors/update', { id: 'a', values: [1, 2, 3] }],
  ['POST', '/indexes/docs/vectors/fetch_by_metadata', { filter: 'x' }],
  ['POST', '/indexes/docs/describe_index_stats', { filter: { n: { $bad: 1 } } }],
]

describe('Pinecone', () => {
  it.each(PINECONE_DATA)('%s %s refuses %j with a gRPC status body', async (method, path, body) => {
    const { status, json } = await send(method, path, body)
    expect(status).toBe(400)
    expect(json).toEqual({ code: 3, message: expect.any(String), details: [] })
  })

  it.each<[string, string, unknown]>([
    ['POST', '/indexes', { name: 'ok-name', dimension: 0 }],
    ['POST', '/indexes', { name: 'ok-name', dimension: 3, metric: 'manhattan' }],
    ['POST', '/indexes', { name: 'ok-name', schema: { fields: { text: { type: 'string' } } } }],
    ['POST', '/indexes', { name: 'ok-name', dimension: 3, vector_type: 'sparse' }],
    ['POST', '/indexes', []],
    ['PATCH', '/indexes/docs', { deletion_protection: 'maybe' }],
  ])('%s %s refuses %j in the control plane envelope', async (method, path, body) => {
    const { status, json } = await send(method, path, body)
    expect(status).toBe(400)
    expect(json).toEqual({ error: { code: 'INVALID_ARGUMENT', message: expect.any(String) }, status: 400 })
  })

  it('keeps an index with deletion protection, and says why', async () => {
    await send('POST', '/indexes', { name: 'kept', dimension: 2, deletion_protection: 'enabled' })
    const { status, json } = await send('DELETE', '/indexes/kept')
    expect(status).toBe(403)
    expect(json).toMatchObject({ error: { message: expect.stringMatching(/Deletion protection/) } })
    expect((await send('PATCH', '/indexes/kept', { deletion_protection: 'disabled' })).status).toBe(200)
    expect((await send('DELETE', '/indexes/kept')).status).toBe(202)
  })

  it('answers an unknown data plane route and a wrong method in its envelope', async () => {
    expect(await send('POST', '/indexes/docs/vectors/nothing', {})).toMatchObject({ status: 404 })
    expect(await send('GET', '/indexes/docs/query')).toMatchObject({ status: 405 })
  })
})

const CHROMA_BAD: [string, string, unknown][] = [
  ['POST', `${CHROMA}/collections`, { name: 'ab' }],
  ['POST', `${CHROMA}/collections`, { name: 'okay', configuration: { hnsw: { space: 'manhattan' } } }],
  ['POST', `${CHROMA}/collections`, '[1,'],
  ['POST', `${CHROMA}/collections/docs/add`, { ids: ['b'] }],
  ['POST', `${CHROMA}/collections/docs/add`, { ids: ['b', 'c'], embeddings: [[1, 0]] }],
  [
    'POST',
    `${CHROMA}/collections/docs/add`,
    {
      ids: ['b', 'b'],
      embeddings: [
        [1, 0],
        [0, 1],
      ],
    },
  ],
  ['POST', `${CHROMA}/collections/docs/upsert`, { ids: ['b'], embeddings: [[1, 0, 0]] }],
  ['POST', `${CHROMA}/collections/docs/upsert`, { ids: ['b'], embeddings: [['x', 0]] }],
  ['POST', `${CHROMA}/collections/docs/query`, { query_embeddings: [[1, 0]], where: { n: 1, m: 2 } }],
  ['POST', `${CHROMA}/collections/docs/query`, { query_embeddings: [[1, 0]], where: { n: { $like: 1 } } }],
  [
    'POST',
    `${CHROMA}/collections/docs/query`,
    { query_embeddings: [[1, 0]], where_document: { $regex: '(' } },
  ],
  ['POST', `${CHROMA}/collections/docs/query`, { query_embeddings: [[1, 0]], n_results: 0 }],
  ['POST', `${CHROMA}/collections/docs/query`, { query_embeddings: 'x' }],
  ['POST', `${CHROMA}/collections/docs/query`, { query_embeddings: [[1, 0]], include: ['everything'] }],
  ['POST', `${CHROMA}/collections/docs/get`, { include: ['distances'] }],
  ['POST', `${CHROMA}/collections/docs/get`, { ids: 'a' }],
  ['POST', `${CHROMA}/collections/docs/delete`, { where: { $and: 'x' } }],
]

describe('Chroma', () => {
  it.each(CHROMA_BAD)('%s %s refuses %j with InvalidArgumentError', async (method, path, body) => {
    const { status, json } = await send(method, path, body)
    expect(status).toBe(400)
    expect(json).toEqual({ error: 'InvalidArgumentError', message: expect.any(String) })
  })

  it.each<[string, string]>([
    ['GET', '/api/v2/tenants/nobody'],
    ['GET', '/api/v2/tenants/default_tenant/databases/nothing'],
    ['GET', `${CHROMA}/collections/absent`],
    ['POST', `${CHROMA}/collections/absent/query`],
    ['GET', '/api/v2/unknown'],
  ])('%s %s is a NotFoundError', async (method, path) => {
    const { status, json } = await send(
      method,
      path,
      method === 'POST' ? { query_embeddings: [[1, 0]] } : undefined,
    )
    expect(status).toBe(404)
    expect(json).toEqual({ error: 'NotFoundError', message: expect.any(String) })
  })

  it('still answers well-formed requests after all that', async () => {
    const { json } = await send('POST', `${CHROMA}/collections/docs/query`, {
      query_embeddings: [[1, 0]],
      n_results: 1,
    })
    expect(json).toMatchObject({ ids: [['a']], distances: [[0]], documents: [['x']] })
  })
})
