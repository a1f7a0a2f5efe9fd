/**
 * The vector store's data model, shared by every dialect (Qdrant, Pinecone, Chroma): what a collection is,
 * what a record holds, what a query asks and what it returns. Dialects translate their wire format to these.
 * @module
 */

/**
 * How a collection compares vectors. `cosine` and `dot` are similarities (higher is nearer);
 * `euclidean` is a distance (lower is nearer).
 */
export type VectorMetric = 'cosine' | 'dot' | 'euclidean'

/** A record as stored: the vector, and what the app attached to it. */
export interface VectorRecord {
  /** Unique within its namespace. Dialects with numeric ids (Qdrant) store them as decimal strings. */
  id: string
  /** The vector; its length is the collection's dimension. */
  values: number[]
  /** What filters read (Qdrant's payload, Pinecone's and Chroma's metadata). */
  metadata?: Record<string, unknown>
  /** The text the vector stands for (Chroma's `documents`). */
  document?: string
}

/** A collection's shape. */
export interface CollectionOptions {
  /** The length of every vector in it. */
  dimension: number
  /** Default `cosine`. */
  metric?: VectorMetric
}

export interface CollectionInfo {
  name: string
  /** The length of every vector in it. */
  dimension: number
  metric: VectorMetric
  /** Records in all namespaces. */
  count: number
}

/** A collection's size, per namespace (Pinecone's `describe_index_stats`). */
export interface CollectionStats extends CollectionInfo {
  namespaces: Record<string, { count: number }>
}

/**
 * Which records an operation sees. Each dialect translates its own filter language to this predicate, so
 * the store knows no filter syntax. `metadata` is `{}` for a record without metadata.
 */
export type RecordFilter = (metadata: Record<string, unknown>, record: VectorRecord) => boolean

/** The namespace of a call; `''` (the default namespace) when absent. */
export interface InNamespace {
  namespace?: string
}

export interface VectorQuery extends InNamespace {
  vector: number[]
  /** How many matches at most (default 10). */
  topK?: number
  filter?: RecordFilter
  /** Copy each match's values into the answer (default false). */
  includeValues?: boolean
  /** Copy each match's metadata and document into the answer (default true). */
  includeMetadata?: boolean
}

/**
 * One query answer. `score` is the metric's own number: cosine similarity, dot product, or euclidean
 * distance (not squared); dialects convert it to what their wire reports.
 */
export interface VectorMatch {
  /** The record's id (a Qdrant numeric id as a decimal string). */
  id: string
  score: number
  /** The record's vector, when the query asked for values. */
  values?: number[]
  metadata?: Record<string, unknown>
  document?: string
}

/** What a canned-results function receives: the query as the dialect decoded it. */
export interface CannedQuery {
  /** The collection queried. */
  collection: string
  /** The namespace queried (`''` by default; Qdrant has none). */
  namespace: string
  /** The query vector (undefined when a dialect queries by id or text). */
  vector: number[] | undefined
  /** How many matches the client asked for. */
  topK: number
  /** The dialect's filter as sent on the wire (Qdrant's `filter`, Pinecone's `filter`, Chroma's `where`). */
  filter: unknown
  /** The dialect that asked: `qdrant`, `pinecone`, `chroma`. */
  dialect: string
}

/** Canned results for a collection: a list (cut to `topK`), or a function of the query. */
export type CannedResults =
  readonly VectorMatch[] | ((query: CannedQuery) => readonly VectorMatch[] | Promise<readonly VectorMatch[]>)

/** Pages through a namespace in id order. */
export interface ScrollOptions extends InNamespace {
  filter?: RecordFilter
  /** Only ids starting with this. */
  prefix?: string
  /** Records per page (default 100). */
  limit?: number
  /** Start at this id (inclusive): the `next` of the previous page. */
  cursor?: string
}

export interface ScrollPage {
  records: VectorRecord[]
  /** The id the next page starts at; absent on the last page. */
  next?: string
}

/** What to delete from a namespace: these ids, the records a filter selects, or everything. */
export type DeleteSelector = InNamespace &
  ({ ids: readonly string[] } | { filter: RecordFilter } | { all: true })

/** The fields to change on one record; metadata is merged key by key unless `replaceMetadata`. */
export interface RecordUpdate extends InNamespace {
  values?: number[]
  metadata?: Record<string, unknown>
  replaceMetadata?: boolean
  document?: string
}

/** Size bounds of one store (one session's): a long suite must not grow memory without end. */
export interface VectorStoreLimits {
  /** Records over all collections and namespaces (default 100,000). */
  maxRecords: number
  /** Numbers stored over all records (default 5,000,000: about 40 MB). */
  maxValues: number
  /** Largest dimension a collection may have (default 65,536, Qdrant's own limit). */
  maxDimension: number
  /** Collections (default 1,000). */
  maxCollections: number
}
