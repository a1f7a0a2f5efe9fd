/**
 * Chroma's filter languages as store predicates. `where` filters metadata: `{ genre: 'drama' }` (implicit
 * `$eq`), `{ year: { $gte: 2020 } }`, `$eq $ne $gt $gte $lt $lte $in $nin`, `$contains`/`$not_contains` on
 * list metadata, and `$and`/`$or` lists; each object holds exactly one field or operator, as Chroma
 * requires. `where_document` filters the document text: `$contains`, `$not_contains`, `$regex`,
 * `$not_regex`, `$and`, `$or`. A record without the field matches neither `$eq` nor `$ne`, as in Chroma.
 * @see https://docs.trychroma.com/docs/querying-collections/metadata-filtering
 * @module
 */
import { isObject } from '../../providers/wire/json-guards'
import { VectorStoreError } from '../errors'

export type MetadataTest = (metadata: Record<string, unknown>) => boolean
export type DocumentTest = (document: string | undefined) => boolean

/** The predicate of a `where` clause; undefined when there is none. */
export function chromaWhere(where: unknown): MetadataTest | undefined {
  if (where === undefined || where === null) return undefined
  if (isObject(where) && Object.keys(where).length === 0) return undefined
  return compileWhere(where, 'where')
}

/** The predicate of a `where_document` clause; undefined when there is none. */
export function chromaWhereDocument(where: unknown): DocumentTest | undefined {
  if (where === undefined || where === null) return undefined
  if (isObject(where) && Object.keys(where).length === 0) return undefined
  return compileDocument(where, 'where_document')
}

function single(value: unknown, where: string): [string, unknown] {
  if (!isObject(value)) throw invalid(`${where} must be an object`)
  const entries = Object.entries(value)
  if (entries.length !== 1) {
    throw invalid(`Expected ${where} to have exactly one operator, but got ${entries.length}`)
  }
  return entries[0]!
}

function compileWhere(where: unknown, at: string): MetadataTest {
  const [key, value] = single(where, at)
  if (key === '$and' || key === '$or') {
    const parts = list(value, `${at}.${key}`).map((part, i) => compileWhere(part, `${at}.${key}[${i}]`))
    return key === '$and' ? (m) => parts.every((p) => p(m)) : (m) => parts.some((p) => p(m))
  }
  if (key.startsWith('$'))
    throw invalid(`${at}: unknown operator ${key}; a field name or $and/$or was expected`)
  if (!isObject(value)) return operator(key, '$eq', value, `${at}.${key}`)
  const [op, operand] = single(value, `${at}.${key}`)
  return operator(key, op, operand, `${at}.${key}.${op}`)
}

function operator(key: string, op: string, operand: unknown, at: string): MetadataTest {
  const has = (m: Record<string, unknown>) => Object.hasOwn(m, key) && m[key] !== null
  switch (op) {
    case '$eq':
      scalar(operand, at)
      return (m) => has(m) && m[key] === operand
    case '$ne':
      scalar(operand, at)
      return (m) => has(m) && m[key] !== operand
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (typeof operand !== 'number' || !Number.isFinite(operand)) throw invalid(`${at} must be a number`)
      const compare = COMPARE[op]
      return (m) => typeof m[key] === 'number' && compare(m[key], operand)
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand)) throw invalid(`${at} must be an array`)
      operand.forEach((item, i) => scalar(item, `${at}[${i}]`))
      return op === '$in'
        ? (m) => has(m) && operand.includes(m[key])
        : (m) => has(m) && !operand.includes(m[key])
    }
    case '$contains':
    case '$not_contains': {
      scalar(operand, at)
      const contains = (m: Record<string, unknown>) =>
        Array.isArray(m[key]) && (m[key] as unknown[]).includes(operand)
      return op === '$contains' ? contains : (m) => has(m) && !contains(m)
    }
    default:
      throw invalid(
        `${at}: unknown operator ${op}; expected one of $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $contains, $not_contains`,
      )
  }
}

const COMPARE = {
  $gt: (a: number, b: number) => a > b,
  $gte: (a: number, b: number) => a >= b,
  $lt: (a: number, b: number) => a < b,
  $lte: (a: number, b: number) => a <= b,
}

function compileDocument(where: unknown, at: string): DocumentTest {
  const [op, operand] = single(where, at)
  switch (op) {
    case '$and':
    case '$or': {
      const parts = list(operand, `${at}.${op}`).map((part, i) => compileDocument(part, `${at}.${op}[${i}]`))
      return op === '$and' ? (d) => parts.every((p) => p(d)) : (d) => parts.some((p) => p(d))
    }
    case '$contains':
    case '$not_contains': {
      const text = nonEmptyString(operand, `${at}.${op}`)
      return op === '$contains'
        ? (d) => d !== undefined && d.includes(text)
        : (d) => d === undefined || !d.includes(text)
    }
    case '$regex':
    case '$not_regex': {
      const source = nonEmptyString(operand, `${at}.${op}`)
      let pattern: RegExp
      try {
        pattern = new RegExp(source, 'u')
      } catch (error) {
        throw invalid(`${at}.${op} is not a valid regular expression: ${(error as Error).message}`)
      }
      return op === '$regex'
        ? (d) => d !== undefined && pattern.test(d)
        : (d) => d === undefined || !pattern.test(d)
    }
    default:
      throw invalid(
        `${at}: unknown operator ${op}; expected one of $contains, $not_contains, $regex, $not_regex, $and, $or`,
      )
  }
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(`${at} must be a non-empty list of expressions`)
  }
  return value
}

function scalar(value: unknown, at: string): void {
  const ok =
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  if (!ok) throw invalid(`${at} must be a string, number or boolean`)
}

function nonEmptyString(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${at} must be a non-empty string`)
  return value
}

function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', `Invalid where clause: ${message}.`)
}
