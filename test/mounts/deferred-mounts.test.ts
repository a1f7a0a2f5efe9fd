/**
 * Mounts deferred to the table's first use (a mock's vector database mounts, made with its first request):
 * the table behaves as if they had been made at once.
 */
import { QdrantClient } from '@qdrant/js-client-rest'
import { afterEach, expect, test } from 'vitest'
import { createStandin, type MountSurface, type Standin } from '../../src'
import { MountTable } from '../../src/protocols/mounts/mount-table'
import { claimsVectorPath, installVector } from '../../src/vector/install'

const surface = (id: string): MountSurface => ({
  kind: 'mount',
  id,
  provider: id,
  serve: async () => ({ reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: id } }),
})

test('a deferred mount is made on the first match, listing or mount, once, in the order deferred', () => {
  for (const use of [
    (t: MountTable) => t.match('/x'),
    (t: MountTable) => t.entries,
    (t: MountTable) => t.remove('/nothing'),
    (t: MountTable) => t.add('/other', surface('other')),
  ]) {
    const table = new MountTable()
    let made = 0
    table.defer(() => {
      made++
      table.add('/x', surface('first'))
    })
    table.defer(() => table.add('/x', surface('second')))
    expect(made).toBe(0)
    use(table)
    expect(made).toBe(1)
    expect(table.match('/x')?.surface.id).toBe('second')
    table.match('/x')
    expect(made).toBe(1)
  }
})

test('a mount added after a deferred one at the same path replaces it, as if the deferred one came first', () => {
  const table = new MountTable()
  table.defer(() => table.add('/collections', surface('vector')))
  table.add('/collections', surface('mine'))
  expect(table.match('/collections/docs')?.surface.id).toBe('mine')
  expect(table.entries.map((e) => e.surface.id)).toEqual(['mine'])
})

test('a deferred mount with claims is made only by a match of a path it claims (or a listing, or a mount)', () => {
  const table = new MountTable()
  let made = 0
  table.defer(
    () => {
      made++
      table.add('/collections', surface('vector'))
    },
    (path) => path === '/collections' || path.startsWith('/collections/'),
  )
  expect(table.match('/v1/chat/completions')).toBeUndefined()
  expect(table.match('/collectionsx')).toBeUndefined()
  expect(made).toBe(0)
  expect(table.match('/collections/docs')?.surface.id).toBe('vector')
  expect(made).toBe(1)
})

test('a path no deferred mount claimed is claimed by a mount deferred after it was asked', () => {
  const table = new MountTable()
  let made = 0
  table.defer(
    () => made++,
    (path) => path === '/a',
  )
  expect(table.match('/b')).toBeUndefined()
  expect(table.match('/b')).toBeUndefined()
  expect(made).toBe(0)
  table.defer(
    () => table.add('/b', surface('late')),
    (path) => path === '/b',
  )
  expect(table.match('/b')?.surface.id).toBe('late')
  expect(made).toBe(1)
})

test('claimsVectorPath claims every path the vector mounts answer, and no provider path', () => {
  const table = new MountTable()
  installVector({ mount: (path, server) => table.add(path, server) })
  expect(table.entries.length).toBeGreaterThan(1)
  for (const { base, surface: mounted } of table.entries) {
    expect(claimsVectorPath(base)).toBe(true)
    expect(claimsVectorPath(`${base}/x/y`)).toBe(true)
    for (const root of mounted.rootPaths ?? []) expect(claimsVectorPath(root)).toBe(true)
  }
  for (const path of ['/v1/chat/completions', '/v1/messages', '/vectorx', '/health', '/v1beta/models/x'])
    expect([path, claimsVectorPath(path)]).toEqual([path, table.match(path) !== undefined])
})

let mock: Standin | undefined
afterEach(async () => {
  await mock?.stop()
  mock = undefined
})

test("a mock's own mount at a vector root path, made before any request, wins over the vector database", async () => {
  mock = createStandin()
  mock.mount('/collections', surface('mine'))
  const { url } = await mock.listen({ port: 0 })
  const res = await fetch(`${url}/collections/docs`)
  expect(await res.text()).toBe('mine')
  // The other vector root paths still answer (Pinecone's index listing).
  const indexes = await fetch(`${url}/indexes`, { headers: { 'api-key': 'test' } })
  expect(indexes.status).toBe(200)
  expect(await indexes.json()).toEqual({ indexes: [] })
})

test('a mock asked a chat request first still serves the vector databases after', async () => {
  mock = createStandin()
  mock.onMessage('hi', { content: 'Hello' })
  const { url } = await mock.listen({ port: 0 })
  const chat = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  })
  expect((await chat.json()).choices[0].message.content).toBe('Hello')
  const qdrant = new QdrantClient({ url, checkCompatibility: false })
  await qdrant.createCollection('docs', { vectors: { size: 2, distance: 'Cosine' } })
  expect(await qdrant.getCollections()).toEqual({ collections: [{ name: 'docs' }] })
  expect(mock.journal.entries.map((e) => e.surface)).toContain('vector')
})

test('the vector databases answer a fresh mock at their root paths, and canHandle sees them before any request', async () => {
  mock = createStandin()
  expect(mock.canHandle(new Request('http://localhost/collections/docs'))).toBe(true)
  const { url } = await mock.listen({ port: 0 })
  const qdrant = new QdrantClient({ url, checkCompatibility: false })
  await qdrant.createCollection('docs', { vectors: { size: 2, distance: 'Cosine' } })
  await qdrant.upsert('docs', { wait: true, points: [{ id: 1, vector: [1, 0], payload: { t: 'a' } }] })
  expect(await qdrant.getCollections()).toEqual({ collections: [{ name: 'docs' }] })
})
