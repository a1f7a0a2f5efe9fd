/**
 * Pinecone's metadata filter language as a store predicate: `{ genre: 'drama' }` (implicit `$eq`),
 * `{ year: { $gte: 2020 } }`, `$eq $ne $gt $gte $lt $lte $in $nin $exists`, `$and`/`$or` lists, several
 * fields in one object meaning all of them. A metadata value that is a list of strings matches `$eq`/`$in`
 * when any element does, and `$ne`/`$nin` when none does.
 * @see https://docs.pinecone.io/guides/search/filter-by-metadata
 * @module
 */
import { VectorStoreError } from '../errors'
import type { RecordFilter } from '../types'

type Test = (metadata: Record<string, unknown>) => boolean

/** The predicate of `filter`, or undefined when there is none (absent or `null`); `{}` selects everything. */
export function pineconeFilter(filter: unknown): RecordFilter | undefined {
  if (filter === undefined || filter === null) return undefined
  const test = compile(filter, 'filter')
  return (metadata) => test(metadata)
}

function compile(filter: unknown, where: string): Test {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw invalid(`${where} must be an object`)
  }
  const tests = Object.entries(filter).map(([key, value]) => clause(key, value, `${where}.${key}`))
  return (metadata) => tests.every((test) => test(metadata))
}

function clause(key: string, value: unknown, where: string): Test {
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(value) || value.length === 0)
      throw invalid(`${where} must be a non-empty array of filters`)
    const parts = value.map((part, i) => compile(part, `${where}[${i}]`))
    return key === '$and'
      ? (metadata) => parts.every((part) => part(metadata))
      : (metadata) => parts.some((part) => part(metadata))
  }
  if (key.startsWith('$')) throw invalid(`${where}: unknown operator ${key} at the top of a filter`)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return operator(key, '$eq', value, where)
  }
  const ops = Object.entries(value)
  if (ops.length === 0) throw invalid(`${where} must name at least one operator`)
  const tests = ops.map(([op, operand]) => operator(key, op, operand, `${where}.${op}`))
  return (metadata) => tests.every((test) => test(metadata))
}

function operator(key: string, op: string, operand: unknown, where: string): Test {
  const has = (m: Record<string, unknown>) => Object.hasOwn(m, key)
  switch (op) {
    case '$eq':
      scalar(operand, where)
      return (m) => has(m) && anyEquals(m[key], [operand])
    case '$ne':
      scalar(operand, where)
      return (m) => !has(m) || !anyEquals(m[key], [operand])
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand)) throw invalid(`${where} must be an array`)
      operand.forEach((item, i) => scalar(item, `${where}[${i}]`))
      return op === '$in'
        ? (m) => has(m) && anyEquals(m[key], operand)
        : (m) => !has(m) || !anyEquals(m[key], operand)
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (typeof operand !== 'number' || !Number.isFinite(operand)) throw invalid(`${where} must be a number`)
      const compare = COMPARE[op]
      return (m) => typeof m[key] === 'number' && compare(m[key], operand)
    }
    case '$exists':
      if (typeof operand !== 'boolean') throw invalid(`${where} must be a boolean`)
      return (m) => has(m) === operand
    default:
      throw invalid(
        `${where}: unknown operator ${op}; expected one of $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists`,
      )
  }
}

const COMPARE = {
  $gt: (a: number, b: number) => a > b,
  $gte: (a: number, b: number) => a >= b,
  $lt: (a: number, b: number) => a < b,
  $lte: (a: number, b: number) => a <= b,
}

/** A value, or a list of strings (Pinecone's list metadata), equals one of `candidates`. */
function anyEquals(value: unknown, candidates: readonly unknown[]): boolean {
  const values = Array.isArray(value) ? value : [value]
  return values.some((v) => candidates.includes(v))
}

function scalar(value: unknown, where: string): void {
  if (
    typeof value !== 'string' &&
    typeof value !== 'boolean' &&
    (typeof value !== 'number' || !Number.isFinite(value))
  ) {
    throw invalid(`${where} must be a string, number or boolean`)
  }
}

function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', `Invalid filter: ${message}.`)
}
