import { describe, expect, test } from 'vitest'
import { CannedQueries } from './canned'
import { VectorStoreError } from './errors'
import { VectorStore } from './store'

function docs(metric: 'cosine' | 'dot' | 'euclidean' = 'cosine') {
  const store = new VectorStore()
  store.createCollection('docs', { dimension: 2, metric })
  store.upsert('docs', [
    { id: 'east', values: [1, 0], metadata: { lang: 'en', n: 1 } },
    { id: 'north', values: [0, 1], metadata: { lang: 'fr', n: 2 } },
    { id: 'far-east', values: [3, 0], metadata: { lang: 'en', n: 3 } },
    { id: 'west', values: [-1, 0], document: 'the west' },
  ])
  return store
}

describe('collections', () => {
  test('are created with a dimension and a metric (cosine by default), listed and deleted', () => {
    const store = new VectorStore()
    expect(store.createCollection('a', { dimension: 3 })).toEqual({
      name: 'a',
      dimension: 3,
      metric: 'cosine',
      count: 0,
    })
    store.createCollection('b', { dimension: 2, metric: 'euclidean' })
    expect(store.collections().map((c) => c.name)).toEqual(['a', 'b'])
    expect(store.deleteCollection('a')).toBe(true)
    expect(store.deleteCollection('a')).toBe(false)
    expect(store.hasCollection('a')).toBe(false)
    expect(store.collection('b')?.metric).toBe('euclidean')
  })

  test('refuse a duplicate name, a bad dimension and an unknown metric', () => {
    const store = new VectorStore()
    store.createCollection('a', { dimension: 3 })
    expect(() => store.createCollection('a', { dimension: 3 })).toThrow(/already exists/)
    expect(() => store.createCollection('b', { dimension: 0 })).toThrow(/dimension must be an integer/)
    expect(() => store.createCollection('c', { dimension: 2, metric: 'manhattan' as 'dot' })).toThrow(
      /metric must be one of/,
    )
  })

  test('an operation on an unknown collection is a not_found error', () => {
    const error = catchError(() => new VectorStore().query('nope', { vector: [1] }))
    expect(error).toBeInstanceOf(VectorStoreError)
    expect(error).toMatchObject({
      reason: 'not_found',
      status: 404,
      message: 'Collection "nope" does not exist.',
    })
  })
})

describe('upsert', () => {
  test('checks the dimension, naming expected and got', () => {
    const store = docs()
    expect(() => store.upsert('docs', [{ id: 'x', values: [1, 2, 3] }])).toThrow(
      'record "x": collection "docs" expects vectors of dimension 2, got 3',
    )
  })

  test('is all or nothing, and replaces a record with the same id', () => {
    const store = docs()
    expect(() =>
      store.upsert('docs', [
        { id: 'new', values: [1, 1] },
        { id: 'bad', values: [1, Number.NaN] },
      ]),
    ).toThrow('values[1] is not a finite number')
    expect(store.count('docs')).toBe(4)
    store.upsert('docs', [{ id: 'east', values: [0.5, 0.5] }])
    expect(store.count('docs')).toBe(4)
    expect(store.fetch('docs', ['east'])).toEqual([{ id: 'east', values: [0.5, 0.5] }])
  })

  test("copies what it stores: later changes to the caller's arrays do not leak in", () => {
    const store = new VectorStore()
    store.createCollection('c', { dimension: 2 })
    const values = [1, 2]
    const metadata = { tags: ['a'] }
    store.upsert('c', [{ id: 'r', values, metadata }])
    values[0] = 9
    metadata.tags.push('b')
    expect(store.fetch('c', ['r'])).toEqual([{ id: 'r', values: [1, 2], metadata: { tags: ['a'] } }])
  })
})

describe('query', () => {
  test('cosine ranks by angle, nearest first, ties in id order', () => {
    const matches = docs().query('docs', { vector: [1, 0], topK: 3 })
    expect(matches.map((m) => [m.id, m.score])).toEqual([
      ['east', 1],
      ['far-east', 1],
      ['north', 0],
    ])
  })

  test('dot ranks by dot product', () => {
    const matches = docs('dot').query('docs', { vector: [1, 0], topK: 2 })
    expect(matches.map((m) => [m.id, m.score])).toEqual([
      ['far-east', 3],
      ['east', 1],
    ])
  })

  test('euclidean reports the distance and ranks the smallest first', () => {
    const matches = docs('euclidean').query('docs', { vector: [2, 0], topK: 2 })
    expect(matches.map((m) => [m.id, m.score])).toEqual([
      ['east', 1],
      ['far-east', 1],
    ])
    expect(
      docs('euclidean')
        .query('docs', { vector: [0, 0], topK: 4 })
        .at(-1),
    ).toMatchObject({ id: 'far-east', score: 3 })
  })

  test('applies the filter predicate, with the record as second argument', () => {
    const store = docs()
    expect(store.query('docs', { vector: [1, 0], filter: (m) => m.lang === 'fr' }).map((m) => m.id)).toEqual([
      'north',
    ])
    expect(
      store.query('docs', { vector: [1, 0], filter: (_, r) => r.id.startsWith('w') }).map((m) => m.id),
    ).toEqual(['west'])
  })

  test('includes values on request, metadata and document unless told not to', () => {
    const store = docs()
    const [west] = store.query('docs', { vector: [-1, 0], topK: 1, includeValues: true })
    expect(west).toEqual({ id: 'west', score: 1, values: [-1, 0], document: 'the west' })
    expect(store.query('docs', { vector: [1, 0], topK: 1, includeMetadata: false })).toEqual([
      { id: 'east', score: 1 },
    ])
  })

  test("checks the query vector's dimension", () => {
    expect(() => docs().query('docs', { vector: [1] })).toThrow(
      'the query vector: collection "docs" expects vectors of dimension 2, got 1',
    )
  })
})

describe('namespaces', () => {
  test('keep records apart; the default namespace is the empty string', () => {
    const store = docs()
    store.upsert('docs', [{ id: 'east', values: [0, 1] }], { namespace: 'other' })
    expect(store.namespaces('docs')).toEqual(['', 'other'])
    expect(store.count('docs', { namespace: 'other' })).toBe(1)
    expect(store.query('docs', { vector: [0, 1], topK: 1, namespace: 'other' })).toEqual([
      { id: 'east', score: 1 },
    ])
    expect(store.stats('docs')).toEqual({
      name: 'docs',
      dimension: 2,
      metric: 'cosine',
      count: 5,
      namespaces: { '': { count: 4 }, other: { count: 1 } },
    })
    expect(store.delete('docs', { all: true, namespace: 'other' })).toBe(1)
    expect(store.namespaces('docs')).toEqual([''])
  })
})

describe('fetch, delete, count, scroll, list', () => {
  test('fetch returns the records found, in the order asked', () => {
    expect(
      docs()
        .fetch('docs', ['west', 'missing', 'east'])
        .map((r) => r.id),
    ).toEqual(['west', 'east'])
  })

  test('delete by ids and by filter counts what it removed', () => {
    const store = docs()
    expect(store.delete('docs', { ids: ['east', 'missing'] })).toBe(1)
    expect(store.delete('docs', { filter: (m) => m.lang === 'en' })).toBe(1)
    expect(store.count('docs')).toBe(2)
    expect(store.count('docs', { filter: (m) => m.lang === 'fr' })).toBe(1)
  })

  test('scroll pages in id order (numeric ids by value) with an inclusive cursor', () => {
    const store = new VectorStore()
    store.createCollection('n', { dimension: 1 })
    store.upsert(
      'n',
      ['10', '9', 'b', '2', 'a'].map((id) => ({ id, values: [1] })),
    )
    const first = store.scroll('n', { limit: 2 })
    expect(first.records.map((r) => r.id)).toEqual(['2', '9'])
    expect(first.next).toBe('10')
    const second = store.scroll('n', { limit: 2, cursor: first.next })
    expect(second.records.map((r) => r.id)).toEqual(['10', 'a'])
    expect(store.scroll('n', { limit: 2, cursor: second.next })).toMatchObject({ records: [{ id: 'b' }] })
    expect(store.scroll('n', { limit: 2, cursor: second.next }).next).toBeUndefined()
  })

  test('list pages ids with a prefix', () => {
    const store = new VectorStore()
    store.createCollection('n', { dimension: 1 })
    store.upsert(
      'n',
      ['doc#1', 'doc#2', 'doc#3', 'img#1'].map((id) => ({ id, values: [1] })),
    )
    expect(store.list('n', { prefix: 'doc#', limit: 2 })).toEqual({ ids: ['doc#1', 'doc#2'], next: 'doc#3' })
    expect(store.list('n', { prefix: 'doc#', limit: 2, cursor: 'doc#3' })).toEqual({ ids: ['doc#3'] })
  })

  test('update changes values and merges metadata', () => {
    const store = docs()
    expect(store.update('docs', 'east', { metadata: { n: 10, extra: true } })).toBe(true)
    expect(store.fetch('docs', ['east'])[0]?.metadata).toEqual({ lang: 'en', n: 10, extra: true })
    expect(
      store.update('docs', 'east', { metadata: { only: 1 }, replaceMetadata: true, values: [0, 2] }),
    ).toBe(true)
    expect(store.fetch('docs', ['east'])[0]).toEqual({ id: 'east', values: [0, 2], metadata: { only: 1 } })
    expect(store.update('docs', 'missing', { values: [1, 1] })).toBe(false)
  })
})

describe('bounds', () => {
  test('a write past the record cap fails with a clear error, and changes nothing', () => {
    const store = new VectorStore({ limits: { maxRecords: 3 } })
    store.createCollection('c', { dimension: 1 })
    store.upsert('c', [
      { id: 'a', values: [1] },
      { id: 'b', values: [1] },
    ])
    const error = catchError(() =>
      store.upsert('c', [
        { id: 'c', values: [1] },
        { id: 'd', values: [1] },
      ]),
    )
    expect(error).toMatchObject({ reason: 'full' })
    expect((error as Error).message).toMatch(/at most 3 records/)
    expect(store.size).toEqual({ records: 2, values: 2 })
    store.upsert('c', [
      { id: 'a', values: [2] },
      { id: 'c', values: [1] },
    ])
    expect(store.size.records).toBe(3)
    store.deleteCollection('c')
    expect(store.size).toEqual({ records: 0, values: 0 })
  })

  test('the number cap counts every stored value', () => {
    const store = new VectorStore({ limits: { maxValues: 4 } })
    store.createCollection('c', { dimension: 2 })
    store.upsert('c', [
      { id: 'a', values: [1, 1] },
      { id: 'b', values: [1, 1] },
    ])
    expect(() => store.upsert('c', [{ id: 'c', values: [1, 1] }])).toThrow(/4 numbers/)
  })
})

describe('canned results', () => {
  test('win over the computed ones, are cut to topK, and need no collection', async () => {
    const store = docs()
    store.onQuery('docs', [
      { id: 'x', score: 0.9, metadata: { title: 'X' } },
      { id: 'y', score: 0.8 },
    ])
    const answer = await store.answer(
      'docs',
      { vector: [1, 0], topK: 1 },
      { dialect: 'test', filter: undefined },
    )
    expect(answer).toEqual({ canned: true, matches: [{ id: 'x', score: 0.9, metadata: { title: 'X' } }] })
    store.onQuery('ghost', (q) => [{ id: `${q.dialect}-${q.topK}-${JSON.stringify(q.filter)}`, score: 1 }])
    expect(
      (await store.answer('ghost', { vector: [1], topK: 7 }, { dialect: 'qdrant', filter: { must: [] } }))
        .matches,
    ).toEqual([{ id: 'qdrant-7-{"must":[]}', score: 1 }])
  })

  test("shared canned results apply to every store; a store's own win over them", async () => {
    const shared = new CannedQueries()
    shared.set('docs', [{ id: 'shared', score: 1 }])
    const a = new VectorStore({ shared })
    const b = new VectorStore({ shared })
    b.onQuery('docs', [{ id: 'own', score: 1 }])
    const ask = (s: VectorStore) => s.answer('docs', { vector: [1] }, { dialect: 't', filter: undefined })
    expect((await ask(a)).matches[0]?.id).toBe('shared')
    expect((await ask(b)).matches[0]?.id).toBe('own')
  })

  test('without canned results, answer is the computed query', async () => {
    const answer = await docs().answer(
      'docs',
      { vector: [0, 1], topK: 1 },
      { dialect: 't', filter: undefined },
    )
    expect(answer).toEqual({
      canned: false,
      matches: [{ id: 'north', score: 1, metadata: { lang: 'fr', n: 2 } }],
    })
  })
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
