/**
 * Chroma's columnar record payloads (`ids`, `embeddings`, `documents`, `metadatas`: one entry per id) and
 * the fields around them (`include`, `ids`, counts), read and checked, each refused with a 400 naming the
 * field in Chroma's words.
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import { VectorStoreError } from '../errors'
import type { VectorRecord } from '../types'

export const INCLUDES = ['documents', 'embeddings', 'metadatas', 'distances', 'uris'] as const
export type Include = (typeof INCLUDES)[number]

export interface Columns {
  ids: string[]
  embeddings: number[][] | undefined
  documents: (string | null)[] | undefined
  metadatas: (Json | null)[] | undefined
}

export function columnsOf(body: unknown, embeddingsRequired: boolean): Columns {
  const o = object(body)
  const ids = idsOf(o.ids)
  if (new Set(ids).size !== ids.length) {
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    throw invalid(`Expected IDs to be unique, found duplicates of: ${dup}`)
  }
  const column = <T>(field: string, read: (v: unknown, at: string) => T): T[] | undefined => {
    const value = o[field]
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value) || value.length !== ids.length) {
      throw invalid(`${field} must be a list with one entry per id (${ids.length}).`)
    }
    return value.map((v, i) => read(v, `${field}[${i}]`))
  }
  const embeddings = column('embeddings', embeddingOf)
  if (embeddingsRequired && !embeddings) {
    throw invalid(
      'embeddings are required: pass them, or give the client an embedding function for documents.',
    )
  }
  return {
    ids,
    embeddings,
    documents: column('documents', (v, at) => {
      if (v !== null && typeof v !== 'string') throw invalid(`${at} must be a string or null.`)
      return v as string | null
    }),
    metadatas: column('metadatas', (v, at) => {
      if (v !== null && !isObject(v)) throw invalid(`${at} must be an object or null.`)
      return v as Json | null
    }),
  }
}

export function recordAt(columns: Columns, id: string, i: number): VectorRecord {
  const metadata = columns.metadatas?.[i]
  const document = columns.documents?.[i]
  const kept = metadata
    ? Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== null))
    : undefined
  return {
    id,
    values: columns.embeddings![i]!,
    ...(kept && Object.keys(kept).length > 0 && { metadata: kept }),
    ...(typeof document === 'string' && { document }),
  }
}

/** Chroma's update merges metadata key by key; a `null` value removes its key. */
export function mergeMetadata(current: Json | undefined, update: Json): Json {
  const merged: Json = { ...current }
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  return merged
}

/** An embedding: a list of numbers, or base64 of little-endian float32s (the packed form clients may send). */
export function embeddingOf(value: unknown, at: string): number[] {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'base64')
    if (bytes.length % 4 !== 0) throw invalid(`${at} is not base64 of float32 values.`)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true))
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  ) {
    throw invalid(`${at} must be a non-empty list of numbers.`)
  }
  return value as number[]
}

/** Chroma's own wording for an embedding of the wrong size. */
export function checkDimension(embedding: readonly number[], dimension: number): void {
  if (embedding.length !== dimension) {
    throw invalid(`Collection expecting embedding with dimension of ${dimension}, got ${embedding.length}`)
  }
}

export function includeOf(value: unknown, fallback: Include[], operation: string): Set<Include> {
  if (value === undefined || value === null) return new Set(fallback)
  if (!Array.isArray(value)) throw invalid('include must be a list.')
  for (const item of value) {
    if (!INCLUDES.includes(item as Include)) {
      throw invalid(`include items must be among ${INCLUDES.join(', ')}; got ${JSON.stringify(item)}.`)
    }
    if (operation === 'get' && item === 'distances') throw invalid('distances is not allowed for get.')
  }
  return new Set(value as Include[])
}

export function idsOf(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || id === '')) {
    throw invalid('ids must be a list of non-empty strings.')
  }
  return value as string[]
}

export function whole(value: unknown, min: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(`${what} must be an integer of at least ${min}; got ${JSON.stringify(value)}.`)
  }
  return value
}

export function object(body: unknown): Json {
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  return body
}

export function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', message)
}
