import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { postJson, startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let client: OpenAI
beforeAll(async () => {
  server = await startOpenAIMock()
  client = server.client
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0))
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0)

async function embed(input: string | string[], extra: Record<string, unknown> = {}) {
  const response = await client.embeddings.create({ model: 'text-embedding-3-small', input, ...extra })
  return response.data.map((d) => d.embedding)
}

describe('fixture vectors', () => {
  test('a fixture vector is returned for matching input, through the SDK (base64 by default)', async () => {
    server.mock.onEmbedding('cats', [0.25, -0.5, 1, 0.125])
    const [vector] = await embed('all about cats')
    expect(vector).toEqual([0.25, -0.5, 1, 0.125])
    const entry = server.mock.journal.last()!
    expect(JSON.parse(entry.body).encoding_format).toBe('base64')
    expect(entry.fixture).not.toBeNull()
  })

  test('the same fixture vector answers each input of a batch, one vector per input', async () => {
    server.mock.onEmbedding('dog', [1, 2, 3])
    const vectors = await embed(['dog one', 'dog two', 'dog three'])
    expect(vectors).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ])
  })

  test('a regex fixture matches embedding input', async () => {
    server.mock.onEmbedding(/^invoice #\d+$/, [0.5, 0.5])
    expect(await embed('invoice #123')).toEqual([[0.5, 0.5]])
    expect((await embed('invoice #abc'))[0]).toHaveLength(1536)
  })
})

describe('deterministic vectors when nothing matches', () => {
  test('the same input always gets the same vector, different inputs differ', async () => {
    const [a1] = await embed('hello world')
    const [a2] = await embed('hello world')
    const [b] = await embed('goodbye world')
    expect(a1).toEqual(a2)
    expect(b).not.toEqual(a1)
    expect(Math.abs(dot(a1!, b!))).toBeLessThan(0.2)
  })

  test('vectors have unit length and 1536 dimensions by default', async () => {
    const [vector] = await embed('unit length please')
    expect(vector).toHaveLength(1536)
    expect(norm(vector!)).toBeCloseTo(1, 4)
  })

  test('dimensions is honoured', async () => {
    const [vector] = await embed('short vector', { dimensions: 256 })
    expect(vector).toHaveLength(256)
    expect(norm(vector!)).toBeCloseTo(1, 4)
  })

  test('one vector per input, in input order, each its own', async () => {
    const response = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b', 'c'],
    })
    expect(response.object).toBe('list')
    expect(response.data.map((d) => d.index)).toEqual([0, 1, 2])
    const [single] = await embed('b')
    expect(response.data[1]!.embedding).toEqual(single)
    expect(response.data[0]!.embedding).not.toEqual(response.data[2]!.embedding)
    expect(response.usage.prompt_tokens).toBeGreaterThan(0)
    expect(response.model).toBe('text-embedding-3-small')
  })
})

describe('encodings on the wire', () => {
  test("encoding_format 'float' returns arrays of numbers", async () => {
    server.mock.onEmbedding('floats', [0.1, 0.2, 0.3])
    const response = await postJson(`${server.url}/v1/embeddings`, {
      model: 'text-embedding-3-small',
      input: 'floats',
      encoding_format: 'float',
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.data[0]).toEqual({ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] })
  })

  test("encoding_format 'base64' returns little-endian float32 bytes that decode to the vector", async () => {
    server.mock.onEmbedding('bytes', [0.5, -2, 8])
    const response = await postJson(`${server.url}/v1/embeddings`, {
      model: 'text-embedding-3-small',
      input: 'bytes',
      encoding_format: 'base64',
    })
    const body = await response.json()
    expect(typeof body.data[0].embedding).toBe('string')
    const bytes = Buffer.from(body.data[0].embedding, 'base64')
    expect(bytes.byteLength).toBe(12)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect([0, 4, 8].map((offset) => view.getFloat32(offset, true))).toEqual([0.5, -2, 8])
  })

  test('the SDK decodes base64 deterministic vectors to the same numbers as float', async () => {
    const [viaSdk] = await embed('same either way')
    const response = await postJson(`${server.url}/v1/embeddings`, {
      model: 'text-embedding-3-small',
      input: 'same either way',
      encoding_format: 'float',
    })
    const body = await response.json()
    expect(viaSdk).toEqual(body.data[0].embedding)
  })

  test('an unknown encoding_format is a 400 naming the parameter', async () => {
    const response = await postJson(`${server.url}/v1/embeddings`, {
      model: 'text-embedding-3-small',
      input: 'x',
      encoding_format: 'hex',
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.param).toBe('encoding_format')
  })
})
