import { describe, expect, test } from 'vitest'
import type { VectorRecord } from '../types'
import { qdrantFilter } from './filter'

const record = (metadata: Record<string, unknown>, id = '1'): VectorRecord => ({ id, values: [0], metadata })
const passes = (filter: unknown, metadata: Record<string, unknown>, id = '1') =>
  qdrantFilter(filter)!(metadata, record(metadata, id))

describe('Qdrant filters', () => {
  test('no filter is no predicate', () => {
    expect(qdrantFilter(undefined)).toBeUndefined()
    expect(qdrantFilter(null)).toBeUndefined()
  })

  test('must, should and must_not combine as all, any and none', () => {
    const filter = {
      must: [{ key: 'a', match: { value: 1 } }],
      should: [
        { key: 'b', match: { value: 'x' } },
        { key: 'b', match: { value: 'y' } },
      ],
      must_not: { key: 'c', match: { value: true } },
    }
    expect(passes(filter, { a: 1, b: 'y' })).toBe(true)
    expect(passes(filter, { a: 1, b: 'z' })).toBe(false)
    expect(passes(filter, { a: 1, b: 'x', c: true })).toBe(false)
    expect(passes(filter, { a: 2, b: 'x' })).toBe(false)
  })

  test('match on an array field holds when one element matches; any and except', () => {
    expect(passes({ must: [{ key: 'tags', match: { value: 'b' } }] }, { tags: ['a', 'b'] })).toBe(true)
    expect(passes({ must: [{ key: 'n', match: { any: [1, 2] } }] }, { n: 2 })).toBe(true)
    expect(passes({ must: [{ key: 'n', match: { except: [1, 2] } }] }, { n: 3 })).toBe(true)
    expect(passes({ must: [{ key: 'n', match: { except: [1, 2] } }] }, { n: 1 })).toBe(false)
    expect(passes({ must: [{ key: 'n', match: { value: '1' } }] }, { n: 1 })).toBe(false)
  })

  test('nested keys, [] paths and nested conditions', () => {
    const payload = {
      country: {
        cities: [
          { name: 'Paris', pop: 2 },
          { name: 'Lyon', pop: 0.5 },
        ],
      },
    }
    expect(passes({ must: [{ key: 'country.cities[].name', match: { value: 'Lyon' } }] }, payload)).toBe(true)
    expect(passes({ must: [{ key: 'country.cities[].pop', range: { gt: 1 } }] }, payload)).toBe(true)
    const sameElement = {
      must: [
        {
          nested: {
            key: 'country.cities',
            filter: {
              must: [
                { key: 'name', match: { value: 'Lyon' } },
                { key: 'pop', range: { gt: 1 } },
              ],
            },
          },
        },
      ],
    }
    expect(passes(sameElement, payload)).toBe(false)
  })

  test('range on numbers and datetimes, values_count', () => {
    expect(passes({ must: [{ key: 'n', range: { gte: 1, lt: 2 } }] }, { n: 1 })).toBe(true)
    expect(passes({ must: [{ key: 'n', range: { gte: 1, lt: 2 } }] }, { n: 2 })).toBe(false)
    expect(
      passes(
        { must: [{ key: 'at', range: { gt: '2024-01-01T00:00:00Z' } }] },
        { at: '2024-06-01T00:00:00Z' },
      ),
    ).toBe(true)
    expect(passes({ must: [{ key: 'tags', values_count: { gte: 2 } }] }, { tags: ['a', 'b'] })).toBe(true)
    expect(passes({ must: [{ key: 'tags', values_count: { gte: 2 } }] }, { tags: ['a'] })).toBe(false)
  })

  test('is_empty (missing, null or []), is_null (null only), has_id', () => {
    const empty = { must: [{ is_empty: { key: 'f' } }] }
    expect([{}, { f: null }, { f: [] }, { f: 0 }].map((p) => passes(empty, p))).toEqual([
      true,
      true,
      true,
      false,
    ])
    const isNull = { must: [{ is_null: { key: 'f' } }] }
    expect([{}, { f: null }, { f: [] }].map((p) => passes(isNull, p))).toEqual([false, true, false])
    expect(passes({ must: [{ has_id: [1, 2] }] }, {}, '2')).toBe(true)
    expect(passes({ must: [{ has_id: [1, 2] }] }, {}, '3')).toBe(false)
  })

  test('min_should and filters nested as conditions', () => {
    const filter = {
      min_should: {
        conditions: [
          { key: 'a', match: { value: 1 } },
          { key: 'b', match: { value: 1 } },
          { should: [{ key: 'c', match: { value: 1 } }] },
        ],
        min_count: 2,
      },
    }
    expect(passes(filter, { a: 1, c: 1 })).toBe(true)
    expect(passes(filter, { a: 1 })).toBe(false)
  })

  test('a malformed filter is a format error naming the JSON path', () => {
    expect(() => qdrantFilter({ must: [{ key: 'a' }] })).toThrow(
      'Format error in JSON body: filter.must[0]: a field condition needs match, range, values_count, is_empty or is_null',
    )
    expect(() => qdrantFilter({ should: [{ key: 'a', range: { gt: 'soon' } }] })).toThrow(
      'filter.should[0].range.gt: expected a number or an RFC 3339 datetime',
    )
    expect(() => qdrantFilter({ must: [{ nope: 1 }] })).toThrow(
      /filter\.must\[0\]: unknown condition \["nope"\]/,
    )
    expect(() => qdrantFilter({ must: [{ key: 'g', geo_radius: {} }] })).toThrow(
      /does not evaluate geo conditions/,
    )
  })
})
