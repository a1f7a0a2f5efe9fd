/**
 * Pinecone's data plane wire values: records and their metadata (flat: strings, numbers, booleans, lists
 * of strings), namespaces (`__default__` is the default one), page tokens and limits, each refused with a
 * 400 naming the field.
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import { VectorStoreError } from '../errors'
import type { VectorRecord } from '../types'

export function record(vector: unknown, where: string): VectorRecord {
  if (!isObject(vector)) throw invalid(`${where} must be an object with id and values.`)
  if (typeof vector.id !== 'string' || vector.id === '')
    throw invalid(`${where}.id must be a non-empty string.`)
  if (vector.values === undefined) {
    throw invalid(
      `${where}.values is missing: standin serves dense vector indexes, so every vector needs values.`,
    )
  }
  return {
    id: vector.id,
    values: valuesOf(vector.values, `${where}.values`),
    ...(vector.metadata !== undefined &&
      vector.metadata !== null && { metadata: metadataOf(vector.metadata, `${where}.metadata`) }),
  }
}

/** Pinecone's own wording for a vector of the wrong size. */
export function checkDimension(values: readonly number[], dimension: number, what: string): void {
  if (values.length !== dimension) {
    throw invalid(`${what} dimension ${values.length} does not match the dimension of the index ${dimension}`)
  }
}

export function valuesOf(values: unknown, where: string): number[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
    throw invalid(`${where} must be an array of numbers.`)
  }
  return values as number[]
}

/** Pinecone metadata: flat, each value a string, number, boolean or list of strings. */
export function metadataOf(metadata: unknown, where: string): Json {
  if (!isObject(metadata)) throw invalid(`${where} must be an object.`)
  for (const [key, value] of Object.entries(metadata)) {
    const ok =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    if (!ok) {
      throw invalid(
        `${where}.${key}: metadata values must be strings, numbers, booleans or lists of strings.`,
      )
    }
  }
  return metadata
}

export function byId(records: readonly VectorRecord[]): Record<string, Json> {
  const vectors: Record<string, Json> = {}
  for (const r of records)
    vectors[r.id] = { id: r.id, values: r.values, ...(r.metadata && { metadata: r.metadata }) }
  return vectors
}

/** Pinecone names the default namespace `__default__` (since API 2025-04) or `''`; the store calls it `''`. */
export const DEFAULT_NAMESPACE = '__default__'

export function namespaceOf(value: unknown): string {
  if (value === undefined || value === null || value === DEFAULT_NAMESPACE) return ''
  if (typeof value !== 'string') throw invalid('namespace must be a string.')
  return value
}

/** The wire's name of a store namespace. */
export function wireNamespace(namespace: string): string {
  return namespace === '' ? DEFAULT_NAMESPACE : namespace
}

export function limitOf(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(`limit must be an integer from 1 to ${max}; got ${JSON.stringify(value)}.`)
  }
  return value
}

export function numberParam(value: string | null): number | undefined {
  return value === null ? undefined : Number(value)
}

/** A page token is the next page's first id, base64url-encoded (opaque to the client, as Pinecone's are). */
export function tokenOf(next: string): string {
  return Buffer.from(next, 'utf8').toString('base64url')
}

export function cursorOf(token: unknown): string | undefined {
  if (token === undefined || token === null || token === '') return undefined
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token))
    throw invalid('paginationToken is not a token this index gave.')
  return Buffer.from(token, 'base64url').toString('utf8')
}

export function object(body: unknown): Json {
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  return body
}

export function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', message)
}
