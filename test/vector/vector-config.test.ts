/**
 * The config's `vector` section (the seed's `{"path": "/vector", "collections": [...]}`): collections with
 * records and canned results every session starts with, through `createStandin({ config })` and through
 * `standin serve --config`; and its validation.
 */
import { QdrantClient } from '@qdrant/js-client-rest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ConfigError, createStandin, type RunningServer } from '../../src'
import { startCli, tempFiles, type Served } from '../cli/cli-process'

const config = {
  vector: {
    path: '/vdb',
    collections: [
      {
        name: 'docs',
        dimension: 2,
        metric: 'dot',
        vectors: [
          { id: 1, values: [1, 0], metadata: { title: 'one' } },
          { id: 2, values: [0, 1], metadata: { title: 'two' } },
        ],
      },
      { name: 'faq', dimension: 3, queryResults: [{ id: '9', score: 0.9, metadata: { q: 'canned' } }] },
    ],
  },
}

const servers: RunningServer[] = []
const served: Served[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
  for (const s of served) await s.stop()
})

async function checkServed(url: string) {
  const client = new QdrantClient({ url, checkCompatibility: false })
  const { points } = await client.query('docs', { query: [0.2, 1], limit: 2, with_payload: true })
  expect(points.map((p) => [p.id, p.payload])).toEqual([
    [2, { title: 'two' }],
    [1, { title: 'one' }],
  ])
  expect((await client.query('faq', { query: [1, 2, 3], limit: 5 })).points).toEqual([
    { id: 9, version: 0, score: 0.9 },
  ])
  const atPath = new QdrantClient({ url, prefix: '/vdb', checkCompatibility: false })
  expect(await atPath.count('docs')).toEqual({ count: 2 })
}

describe('the vector config section', () => {
  test('createStandin({ config }) serves its collections and canned results, kept by reset()', async () => {
    const dir = tempFiles({ 'aimock.json': config })
    const mock = createStandin({ config: join(dir, 'aimock.json') })
    const server = await mock.listen({ port: 0 })
    servers.push(server)
    await checkServed(server.url)
    mock.reset()
    await checkServed(server.url)
  })

  test('standin serve --config serves it without a "not served" warning', async () => {
    const dir = tempFiles({ 'aimock.json': config })
    const cli = await startCli(['serve', '--config', join(dir, 'aimock.json')])
    served.push(cli)
    await checkServed(cli.url)
    expect(cli.stdout() + cli.stderr()).not.toMatch(/vector.*not (yet )?served/i)
    await cli.waitForStdout(/Vector databases: Qdrant, also at \/collections \(2 collections\)/)
  })

  test('collections may live in a file next to the config', async () => {
    const dir = tempFiles({ 'collections.json': { collections: config.vector.collections } })
    writeFileSync(join(dir, 'aimock.json'), JSON.stringify({ vector: { collections: 'collections.json' } }))
    const mock = createStandin({ config: join(dir, 'aimock.json') })
    const server = await mock.listen({ port: 0 })
    servers.push(server)
    const client = new QdrantClient({ url: server.url, checkCompatibility: false })
    expect(await client.count('docs')).toEqual({ count: 2 })
  })

  test('a vector of the wrong length or a misspelt key fails startup naming the JSON path', () => {
    const bad = {
      vector: {
        collections: [{ name: 'docs', dimension: 3, vectors: [{ id: 1, values: [1] }], metrc: 'dot' }],
      },
    }
    const dir = tempFiles({ 'aimock.json': bad })
    let error: unknown
    try {
      createStandin({ config: join(dir, 'aimock.json') })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(/vector\.collections\[0\].*metrc/)
  })
})
