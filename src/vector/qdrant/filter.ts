/**
 * Qdrant's filter language as a store predicate: `must` (all), `should` (at least one), `must_not` (none),
 * `min_should`, nested filters, and the conditions `match` (`value`, `any`, `except`, `text`), `range`
 * (numbers, or RFC 3339 datetimes), `values_count`, `is_empty`, `is_null`, `has_id` and `nested`.
 * A key is a payload path: `a.b`, `a[].b`, `a[]`; arrays on the way are looked into.
 * @see https://qdrant.tech/documentation/concepts/filtering/
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { RecordFilter, VectorRecord } from '../types'
import { storeId } from './point-id'
import { formatError } from './qdrant-error'

type Test = (payload: Json, record: VectorRecord) => boolean

/** The predicate of a wire filter (`undefined` for none); throws a 400 naming the part it cannot read. */
export function qdrantFilter(filter: unknown, where = 'filter'): RecordFilter | undefined {
  if (filter === undefined || filter === null) return undefined
  return compileFilter(filter, where)
}

function compileFilter(filter: unknown, where: string): Test {
  if (!isObject(filter)) throw formatError(`${where}: expected an object with must, should or must_not`)
  const list = (key: string): Test[] => {
    const value = filter[key]
    if (value === undefined || value === null) return []
    const items = Array.isArray(value) ? value : [value]
    return items.map((c, i) => compileCondition(c, `${where}.${key}[${i}]`))
  }
  const must = list('must')
  const should = list('should')
  const mustNot = list('must_not')
  const minShould = compileMinShould(filter.min_should, `${where}.min_should`)
  return (payload, record) =>
    must.every((t) => t(payload, record)) &&
    (should.length === 0 || should.some((t) => t(payload, record))) &&
    !mustNot.some((t) => t(payload, record)) &&
    (!minShould || minShould(payload, record))
}

function compileMinShould(value: unknown, where: string): Test | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value) || !Array.isArray(value.conditions) || typeof value.min_count !== 'number') {
    throw formatError(`${where}: expected {conditions: [...], min_count: number}`)
  }
  const conditions = value.conditions.map((c, i) => compileCondition(c, `${where}.conditions[${i}]`))
  const min = value.min_count
  return (payload, record) => conditions.filter((t) => t(payload, record)).length >= min
}

function compileCondition(condition: unknown, where: string): Test {
  if (!isObject(condition)) throw formatError(`${where}: expected a condition object`)
  if ('must' in condition || 'should' in condition || 'must_not' in condition || 'min_should' in condition)
    return compileFilter(condition, where)
  if ('has_id' in condition) {
    if (!Array.isArray(condition.has_id)) throw formatError(`${where}.has_id: expected an array of point ids`)
    const ids = new Set(condition.has_id.map((id, i) => storeId(id, `${where}.has_id[${i}]`)))
    return (_, record) => ids.has(record.id)
  }
  if ('is_empty' in condition) {
    const key = fieldKey(condition.is_empty, `${where}.is_empty`)
    return (payload) => isEmpty(valuesAt(payload, key))
  }
  if ('is_null' in condition) {
    const key = fieldKey(condition.is_null, `${where}.is_null`)
    return (payload) => valuesAt(payload, key, { keepNull: true }).some((v) => v === null)
  }
  if ('nested' in condition) return compileNested(condition.nested, `${where}.nested`)
  if (typeof condition.key === 'string') return compileField(condition, condition.key, where)
  throw formatError(
    `${where}: unknown condition ${JSON.stringify(Object.keys(condition))}; expected key (with match, range, values_count, is_empty or is_null), has_id, is_empty, is_null, nested or a filter`,
  )
}

function fieldKey(value: unknown, where: string): string {
  if (!isObject(value) || typeof value.key !== 'string') throw formatError(`${where}: expected {key: string}`)
  return value.key
}

function compileNested(value: unknown, where: string): Test {
  if (!isObject(value) || typeof value.key !== 'string')
    throw formatError(`${where}: expected {key: string, filter: {...}}`)
  const key = value.key
  const inner = compileFilter(value.filter, `${where}.filter`)
  // Every condition of the nested filter must hold for one and the same element of the array.
  return (payload, record) =>
    valuesAt(payload, key.endsWith('[]') ? key : `${key}[]`).some(
      (element) => isObject(element) && inner(element, record),
    )
}

function compileField(condition: Json, key: string, where: string): Test {
  const tests: Test[] = []
  if (condition.match !== undefined && condition.match !== null)
    tests.push(compileMatch(condition.match, key, `${where}.match`))
  if (condition.range !== undefined && condition.range !== null)
    tests.push(compileRange(condition.range, key, `${where}.range`))
  if (condition.values_count !== undefined && condition.values_count !== null) {
    const count = compileRange(condition.values_count, key, `${where}.values_count`, true)
    tests.push(count)
  }
  if (condition.is_empty === true) tests.push((payload) => isEmpty(valuesAt(payload, key)))
  if (condition.is_empty === false) tests.push((payload) => !isEmpty(valuesAt(payload, key)))
  if (condition.is_null === true)
    tests.push((payload) => valuesAt(payload, key, { keepNull: true }).some((v) => v === null))
  if (condition.is_null === false)
    tests.push((payload) => !valuesAt(payload, key, { keepNull: true }).some((v) => v === null))
  for (const geo of ['geo_bounding_box', 'geo_radius', 'geo_polygon'])
    if (condition[geo] !== undefined && condition[geo] !== null)
      throw formatError(`${where}.${geo}: standin's Qdrant does not evaluate geo conditions`)
  if (tests.length === 0)
    throw formatError(`${where}: a field condition needs match, range, values_count, is_empty or is_null`)
  return (payload, record) => tests.every((t) => t(payload, record))
}

function compileMatch(match: unknown, key: string, where: string): Test {
  if (!isObject(match)) throw formatError(`${where}: expected an object`)
  if ('value' in match) {
    const value = match.value
    if (!isScalar(value)) throw formatError(`${where}.value: expected a string, number or boolean`)
    return (payload) => valuesAt(payload, key).some((v) => v === value)
  }
  if ('any' in match) {
    const any = scalars(match.any, `${where}.any`)
    return (payload) => valuesAt(payload, key).some((v) => any.has(v as string))
  }
  if ('except' in match) {
    const except = scalars(match.except, `${where}.except`)
    return (payload) => {
      const values = valuesAt(payload, key)
      return values.length > 0 && values.some((v) => !except.has(v as string))
    }
  }
  if ('text' in match || 'phrase' in match) {
    const text = match.text ?? match.phrase
    if (typeof text !== 'string') throw formatError(`${where}.text: expected a string`)
    return (payload) => valuesAt(payload, key).some((v) => typeof v === 'string' && v.includes(text))
  }
  if ('prefix' in match) {
    const prefix = match.prefix
    if (typeof prefix !== 'string') throw formatError(`${where}.prefix: expected a string`)
    return (payload) => valuesAt(payload, key).some((v) => typeof v === 'string' && v.startsWith(prefix))
  }
  throw formatError(`${where}: expected value, any, except, text, phrase or prefix`)
}

type Bound = 'gt' | 'gte' | 'lt' | 'lte'
const BOUNDS: readonly Bound[] = ['gt', 'gte', 'lt', 'lte']

/** A numeric (or datetime) range on the field's values, or on how many values it holds (`values_count`). */
function compileRange(range: unknown, key: string, where: string, countValues = false): Test {
  if (!isObject(range)) throw formatError(`${where}: expected an object with gt, gte, lt or lte`)
  const bounds: [Bound, number][] = []
  let datetime = false
  for (const bound of BOUNDS) {
    const value = range[bound]
    if (value === undefined || value === null) continue
    if (typeof value === 'number') bounds.push([bound, value])
    else if (typeof value === 'string' && !countValues && !Number.isNaN(Date.parse(value))) {
      datetime = true
      bounds.push([bound, Date.parse(value)])
    } else
      throw formatError(
        `${where}.${bound}: expected a number${countValues ? '' : ' or an RFC 3339 datetime'}`,
      )
  }
  const within = (n: number) =>
    bounds.every(([bound, limit]) =>
      bound === 'gt' ? n > limit : bound === 'gte' ? n >= limit : bound === 'lt' ? n < limit : n <= limit,
    )
  if (countValues) return (payload) => within(valuesAt(payload, key).length)
  return (payload) =>
    valuesAt(payload, key).some((v) => {
      const n = datetime && typeof v === 'string' ? Date.parse(v) : v
      return typeof n === 'number' && !Number.isNaN(n) && within(n)
    })
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function scalars(value: unknown, where: string): Set<unknown> {
  if (!Array.isArray(value) || !value.every(isScalar))
    throw formatError(`${where}: expected an array of strings or numbers`)
  return new Set(value)
}

function isEmpty(values: unknown[]): boolean {
  return values.length === 0
}

/**
 * The values at a payload path, arrays flattened (a condition on an array field holds when it holds for
 * one element). Nulls are left out unless `keepNull` (only `is_null` sees them).
 */
function valuesAt(payload: Json, key: string, options: { keepNull?: boolean } = {}): unknown[] {
  let current: unknown[] = [payload]
  for (const part of key.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part
    const next: unknown[] = []
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isObject(item) && name in item) next.push(item[name])
      }
    }
    current = next
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => options.keepNull || v !== null)
}
