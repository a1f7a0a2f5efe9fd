import { expect, test } from 'vitest'
import { VectorSetup } from './vector-setup'

test('each session memory gets its own store, seeded with the setup collections', () => {
  const setup = new VectorSetup()
  setup.addCollection('docs', { dimension: 2 }, [{ id: 'a', values: [1, 0] }], true)
  const one = new Map<string, unknown>()
  const two = new Map<string, unknown>()
  const first = setup.storeFor(one)
  expect(setup.storeFor(one)).toBe(first)
  first.upsert('docs', [{ id: 'b', values: [0, 1] }])
  expect(first.count('docs')).toBe(2)
  expect(setup.storeFor(two).count('docs')).toBe(1)
})

test('a collection added later reaches stores made before; reset drops what code added, keeps the config', () => {
  const setup = new VectorSetup()
  setup.addCollection('config', { dimension: 1 }, [], true)
  const memory = new Map<string, unknown>()
  expect(
    setup
      .storeFor(memory)
      .collections()
      .map((c) => c.name),
  ).toEqual(['config'])
  setup.addCollection('code', { dimension: 3, metric: 'dot' })
  setup.onQuery('code', [{ id: 'x', score: 1 }])
  setup.onQuery('config', [{ id: 'y', score: 1 }], true)
  expect(setup.storeFor(memory).collection('code')).toMatchObject({ dimension: 3, metric: 'dot' })
  setup.reset()
  expect(setup.canned.names()).toEqual(['config'])
  expect(
    setup
      .storeFor(new Map())
      .collections()
      .map((c) => c.name),
  ).toEqual(['config'])
})

test('a bad seed collection throws when added, not at the first request', () => {
  const setup = new VectorSetup()
  expect(() => setup.addCollection('docs', { dimension: 2 }, [{ id: 'a', values: [1] }])).toThrow(
    'expects vectors of dimension 2, got 1',
  )
})
