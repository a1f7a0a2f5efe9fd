/**
 * The in-memory vector store every dialect serves: collections (dimension, metric), records per namespace,
 * exact brute-force queries, canned results. One store per standin session (see `session-store.ts`), so
 * parallel tests never see each other's vectors. Bounded by {@link VectorStoreLimits}.
 * @module
 */
import { CannedQueries, cannedMatches } from './canned'
import { VectorStoreError } from './errors'
import { compareIds, higherIsNearer, score } from './similarity'
import type {
  CannedQuery,
  CannedResults,
  CollectionInfo,
  CollectionOptions,
  CollectionStats,
  DeleteSelector,
  InNamespace,
  RecordFilter,
  RecordUpdate,
  ScrollOptions,
  ScrollPage,
  VectorMatch,
  VectorMetric,
  VectorQuery,
  VectorRecord,
  VectorStoreLimits,
} from './types'

export const DEFAULT_VECTOR_LIMITS: VectorStoreLimits = {
  maxRecords: 100_000,
  maxValues: 5_000_000,
  maxDimension: 65_536,
  maxCollections: 1_000,
}

const METRICS: readonly VectorMetric[] = ['cosine', 'dot', 'euclidean']

interface Collection {
  name: string
  dimension: number
  metric: VectorMetric
  spaces: Map<string, Map<string, VectorRecord>>
}

export interface VectorStoreOptions {
  limits?: Partial<VectorStoreLimits>
  /** Canned results shared by every session (the mock's `onQuery`, the config's `queryResults`). */
  shared?: CannedQueries
}

/** A query's answer: the matches, and whether canned results gave them. */
export interface QueryAnswer {
  matches: VectorMatch[]
  canned: boolean
}

/**
 * @example
 * const store = new VectorStore()
 * store.createCollection('docs', { dimension: 3, metric: 'cosine' })
 * store.upsert('docs', [{ id: 'a', values: [1, 0, 0], metadata: { lang: 'en' } }])
 * store.query('docs', { vector: [1, 0.1, 0], topK: 1, filter: (m) => m.lang === 'en' })
 * // [{ id: 'a', score: 0.995…, metadata: { lang: 'en' } }]
 */
export class VectorStore {
  readonly limits: VectorStoreLimits
  /** This store's own canned results, searched before the shared ones. */
  readonly canned = new CannedQueries()
  readonly #shared: CannedQueries | undefined
  readonly #collections = new Map<string, Collection>()
  #records = 0
  #values = 0

  constructor(options: VectorStoreOptions = {}) {
    this.limits = { ...DEFAULT_VECTOR_LIMITS, ...options.limits }
    this.#shared = options.shared
  }

  /** Records and stored numbers over every collection. */
  get size(): { records: number; values: number } {
    return { records: this.#records, values: this.#values }
  }

  createCollection(name: string, options: CollectionOptions): CollectionInfo {
    if (typeof name !== 'string' || name === '') throw invalid('a collection name must be a non-empty string')
    if (this.#collections.has(name)) {
      throw new VectorStoreError('exists', `Collection ${JSON.stringify(name)} already exists.`)
    }
    const { dimension, metric = 'cosine' } = options
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > this.limits.maxDimension) {
      throw invalid(
        `dimension must be an integer from 1 to ${this.limits.maxDimension}; got ${JSON.stringify(dimension)}`,
      )
    }
    if (!METRICS.includes(metric)) {
      throw invalid(`metric must be one of ${METRICS.join(', ')}; got ${JSON.stringify(metric)}`)
    }
    if (this.#collections.size >= this.limits.maxCollections) {
      throw new VectorStoreError(
        'full',
        `The vector store holds ${this.limits.maxCollections} collections, its limit: delete one first.`,
      )
    }
    this.#collections.set(name, { name, dimension, metric, spaces: new Map() })
    return this.collection(name)!
  }

  hasCollection(name: string): boolean {
    return this.#collections.has(name)
  }

  /** The collection's description, or undefined when there is none by that name. */
  collection(name: string): CollectionInfo | undefined {
    const c = this.#collections.get(name)
    return c && info(c)
  }

  /** Every collection, in creation order. */
  collections(): CollectionInfo[] {
    return [...this.#collections.values()].map(info)
  }

  deleteCollection(name: string): boolean {
    const c = this.#collections.get(name)
    if (!c) return false
    for (const space of c.spaces.values()) for (const r of space.values()) this.#forget(r)
    return this.#collections.delete(name)
  }

  /**
   * Inserts or replaces records (all or none: one bad record rejects the call). Returns how many were
   * written.
   */
  upsert(collection: string, records: readonly VectorRecord[], options: InNamespace = {}): number {
    const c = this.#get(collection)
    const namespace = options.namespace ?? ''
    const space = c.spaces.get(namespace)
    const copies = records.map((r, i) => copyRecord(c, r, i))
    let records_ = this.#records
    let values = this.#values
    const seen = new Set<string>()
    for (const r of copies) {
      const old = seen.has(r.id) ? undefined : space?.get(r.id)
      if (!seen.has(r.id) && !old) records_++
      values += r.values.length - (old?.values.length ?? 0)
      seen.add(r.id)
    }
    this.#checkRoom(records_, values)
    let target = space
    if (!target) {
      target = new Map()
      c.spaces.set(namespace, target)
    }
    for (const r of copies) {
      const old = target.get(r.id)
      if (old) this.#forget(old)
      target.set(r.id, r)
      this.#records++
      this.#values += r.values.length
    }
    return copies.length
  }

  /** Changes one record's values, metadata or document. False when there is no record with that id. */
  update(collection: string, id: string, update: RecordUpdate): boolean {
    const c = this.#get(collection)
    const record = c.spaces.get(update.namespace ?? '')?.get(id)
    if (!record) return false
    const next: VectorRecord = { ...record }
    if (update.values !== undefined) next.values = copyValues(c, update.values, `the update of ${id}`)
    if (update.metadata !== undefined) {
      const metadata = copyMetadata(update.metadata, `the update of ${id}`)
      next.metadata = update.replaceMetadata ? metadata : { ...record.metadata, ...metadata }
    }
    if (update.document !== undefined) next.document = update.document
    this.#checkRoom(this.#records, this.#values + next.values.length - record.values.length)
    this.#values += next.values.length - record.values.length
    c.spaces.get(update.namespace ?? '')!.set(id, next)
    return true
  }

  /**
   * The `topK` records nearest to `vector` (exact: every record is scored), nearest first; equal scores in
   * id order.
   */
  query(collection: string, query: VectorQuery): VectorMatch[] {
    const c = this.#get(collection)
    const vector = copyValues(c, query.vector, 'the query vector')
    const topK = query.topK ?? 10
    if (!Number.isInteger(topK) || topK < 0) throw invalid(`topK must be a whole number; got ${topK}`)
    const space = c.spaces.get(query.namespace ?? '')
    if (!space || topK === 0) return []
    const scored: { record: VectorRecord; score: number }[] = []
    for (const record of space.values()) {
      if (query.filter && !query.filter(record.metadata ?? {}, record)) continue
      scored.push({ record, score: score(c.metric, vector, record.values) })
    }
    const sign = higherIsNearer(c.metric) ? -1 : 1
    scored.sort((a, b) => sign * (a.score - b.score) || compareIds(a.record.id, b.record.id))
    const withMetadata = query.includeMetadata ?? true
    return scored.slice(0, topK).map(({ record, score }) => ({
      id: record.id,
      score,
      ...(query.includeValues && { values: [...record.values] }),
      ...(withMetadata && record.metadata && { metadata: structuredClone(record.metadata) }),
      ...(withMetadata && record.document !== undefined && { document: record.document }),
    }))
  }

  /** Sets canned results for `collection` in this store only (see {@link CannedQueries}). */
  onQuery(collection: string, results: CannedResults): void {
    this.canned.set(collection, results)
  }

  /** True when canned results (this store's or the shared ones) answer queries on `collection`. */
  hasCanned(collection: string): boolean {
    return this.canned.has(collection) || !!this.#shared?.has(collection)
  }

  /**
   * What a dialect serves for a query: canned results when the collection has some (they win, and need no
   * collection), otherwise {@link query}.
   */
  async answer(
    collection: string,
    query: VectorQuery,
    wire: Pick<CannedQuery, 'dialect' | 'filter'>,
  ): Promise<QueryAnswer> {
    const canned = this.canned.get(collection) ?? this.#shared?.get(collection)
    if (canned) {
      const asked: CannedQuery = {
        collection,
        namespace: query.namespace ?? '',
        vector: query.vector,
        topK: query.topK ?? 10,
        filter: wire.filter,
        dialect: wire.dialect,
      }
      return { matches: await cannedMatches(canned, asked), canned: true }
    }
    return { matches: this.query(collection, query), canned: false }
  }

  /** The records with these ids that exist, in the order asked. */
  fetch(collection: string, ids: readonly string[], options: InNamespace = {}): VectorRecord[] {
    const space = this.#get(collection).spaces.get(options.namespace ?? '')
    const found: VectorRecord[] = []
    for (const id of new Set(ids)) {
      const record = space?.get(id)
      if (record) found.push(copyOut(record))
    }
    return found
  }

  /** Deletes by ids, by filter, or everything in the namespace; returns how many records went. */
  delete(collection: string, selector: DeleteSelector): number {
    const c = this.#get(collection)
    const namespace = selector.namespace ?? ''
    const space = c.spaces.get(namespace)
    if (!space) return 0
    let deleted = 0
    const drop = (id: string) => {
      const record = space.get(id)
      if (!record) return
      this.#forget(record)
      space.delete(id)
      deleted++
    }
    if ('ids' in selector) for (const id of selector.ids) drop(id)
    else if ('filter' in selector) {
      for (const r of [...space.values()]) if (selector.filter(r.metadata ?? {}, r)) drop(r.id)
    } else for (const id of [...space.keys()]) drop(id)
    if (space.size === 0) c.spaces.delete(namespace)
    return deleted
  }

  /** Records in the namespace (that `filter` selects). */
  count(collection: string, options: InNamespace & { filter?: RecordFilter } = {}): number {
    const space = this.#get(collection).spaces.get(options.namespace ?? '')
    if (!space) return 0
    if (!options.filter) return space.size
    let n = 0
    for (const r of space.values()) if (options.filter(r.metadata ?? {}, r)) n++
    return n
  }

  /** A page of records in id order, from `cursor` on (inclusive). */
  scroll(collection: string, options: ScrollOptions = {}): ScrollPage {
    const space = this.#get(collection).spaces.get(options.namespace ?? '')
    const limit = options.limit ?? 100
    if (!Number.isInteger(limit) || limit < 1)
      throw invalid(`limit must be a positive whole number; got ${limit}`)
    if (!space) return { records: [] }
    const { prefix, cursor, filter } = options
    const ids = [...space.keys()]
      .filter(
        (id) =>
          (prefix === undefined || id.startsWith(prefix)) &&
          (cursor === undefined || compareIds(id, cursor) >= 0),
      )
      .sort(compareIds)
    const records: VectorRecord[] = []
    for (const id of ids) {
      const record = space.get(id)!
      if (filter && !filter(record.metadata ?? {}, record)) continue
      if (records.length === limit) return { records, next: id }
      records.push(copyOut(record))
    }
    return { records }
  }

  /** Ids in id order (with a prefix), a page at a time: {@link scroll} without the records. */
  list(collection: string, options: Omit<ScrollOptions, 'filter'> = {}): { ids: string[]; next?: string } {
    const page = this.scroll(collection, options)
    return { ids: page.records.map((r) => r.id), ...(page.next !== undefined && { next: page.next }) }
  }

  /** The namespaces holding records, sorted. */
  namespaces(collection: string): string[] {
    return [...this.#get(collection).spaces.keys()].sort()
  }

  stats(collection: string): CollectionStats {
    const c = this.#get(collection)
    const namespaces: Record<string, { count: number }> = {}
    for (const name of [...c.spaces.keys()].sort()) namespaces[name] = { count: c.spaces.get(name)!.size }
    return { ...info(c), namespaces }
  }

  /** Forgets every collection, record and canned result of this store (not the shared ones). */
  clear(): void {
    this.#collections.clear()
    this.canned.clear()
    this.#records = 0
    this.#values = 0
  }

  #get(name: string): Collection {
    const c = this.#collections.get(name)
    if (!c) throw new VectorStoreError('not_found', `Collection ${JSON.stringify(name)} does not exist.`)
    return c
  }

  #forget(record: VectorRecord): void {
    this.#records--
    this.#values -= record.values.length
  }

  #checkRoom(records: number, values: number): void {
    const { maxRecords, maxValues } = this.limits
    if (records > maxRecords || values > maxValues) {
      throw new VectorStoreError(
        'full',
        `The vector store is full: it holds at most ${maxRecords} records and ${maxValues} numbers per session; this write would make ${records} records and ${values} numbers. Delete records, or use a session per test.`,
      )
    }
  }
}

function info(c: Collection): CollectionInfo {
  let count = 0
  for (const space of c.spaces.values()) count += space.size
  return { name: c.name, dimension: c.dimension, metric: c.metric, count }
}

function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', message)
}

function copyRecord(c: Collection, record: VectorRecord, index: number): VectorRecord {
  const where = `record ${index}`
  if (typeof record?.id !== 'string' || record.id === '')
    throw invalid(`${where}: id must be a non-empty string`)
  const copy: VectorRecord = {
    id: record.id,
    values: copyValues(c, record.values, `record ${JSON.stringify(record.id)}`),
  }
  if (record.metadata !== undefined)
    copy.metadata = copyMetadata(record.metadata, `record ${JSON.stringify(record.id)}`)
  if (record.document !== undefined) {
    if (typeof record.document !== 'string') throw invalid(`${where}: document must be a string`)
    copy.document = record.document
  }
  return copy
}

function copyValues(c: Collection, values: unknown, what: string): number[] {
  if (!Array.isArray(values)) throw invalid(`${what}: values must be an array of numbers`)
  if (values.length !== c.dimension) {
    throw invalid(
      `${what}: collection ${JSON.stringify(c.name)} expects vectors of dimension ${c.dimension}, got ${values.length}`,
    )
  }
  const copy = new Array<number>(values.length)
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i]
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw invalid(`${what}: values[${i}] is not a finite number`)
    copy[i] = v
  }
  return copy
}

function copyMetadata(metadata: unknown, what: string): Record<string, unknown> {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw invalid(`${what}: metadata must be an object`)
  }
  return structuredClone(metadata as Record<string, unknown>)
}

function copyOut(record: VectorRecord): VectorRecord {
  return {
    id: record.id,
    values: [...record.values],
    ...(record.metadata && { metadata: structuredClone(record.metadata) }),
    ...(record.document !== undefined && { document: record.document }),
  }
}
