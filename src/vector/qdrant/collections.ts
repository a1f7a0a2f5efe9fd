/**
 * Qdrant's collection routes: create, describe, list, exists, delete (and payload indexes, accepted).
 * Distances are Qdrant's names: `Cosine`, `Dot`, `Euclid`.
 * @module
 */
import { isObject, isPositiveInteger, type Json } from '../../providers/wire/json-guards'
import type { CollectionInfo, VectorMetric } from '../types'
import type { QdrantCall, QdrantAnswer } from './qdrant-call'
import { formatError, wrongInput } from './qdrant-error'

const DISTANCES: Record<string, VectorMetric> = { Cosine: 'cosine', Dot: 'dot', Euclid: 'euclidean' }
const NAMES: Record<VectorMetric, string> = { cosine: 'Cosine', dot: 'Dot', euclidean: 'Euclid' }

export function createCollection({ store, collection, body }: QdrantCall): QdrantAnswer {
  const vectors = body.vectors
  if (!isObject(vectors)) throw formatError('vectors: expected {size, distance}')
  if (!('size' in vectors) || !('distance' in vectors)) {
    throw wrongInput(
      `vectors: standin's Qdrant serves one unnamed dense vector per collection ({size, distance}); named vectors (${Object.keys(vectors).join(', ')}) are not supported`,
    )
  }
  if (!isPositiveInteger(vectors.size)) throw formatError('vectors.size: expected a positive integer')
  const metric = DISTANCES[vectors.distance as string]
  if (!metric) {
    throw formatError(
      `vectors.distance: unknown variant ${JSON.stringify(vectors.distance)}, expected one of Cosine, Dot, Euclid (standin does not serve Manhattan)`,
    )
  }
  store.createCollection(collection, { dimension: vectors.size, metric })
  return { result: true, operation: 'create-collection' }
}

export function getCollection({ store, collection }: QdrantCall): QdrantAnswer {
  return { result: collectionInfo(store.stats(collection)), operation: 'describe-collection' }
}

export function listCollections({ store }: QdrantCall): QdrantAnswer {
  return {
    result: { collections: store.collections().map((c) => ({ name: c.name })) },
    operation: 'list-collections',
  }
}

export function collectionExists({ store, collection }: QdrantCall): QdrantAnswer {
  return { result: { exists: store.hasCollection(collection) }, operation: 'collection-exists' }
}

export function deleteCollection({ store, collection }: QdrantCall): QdrantAnswer {
  return { result: store.deleteCollection(collection), operation: 'delete-collection' }
}

/** Payload indexes change only speed: accepted (for clients that make them), nothing to build. */
export function createIndex({ store, collection }: QdrantCall): QdrantAnswer {
  store.stats(collection)
  return { result: { operation_id: 0, status: 'completed' }, operation: 'create-index' }
}

function collectionInfo(c: CollectionInfo): Json {
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: c.count,
    segments_count: 1,
    config: {
      params: {
        vectors: { size: c.dimension, distance: NAMES[c.metric] },
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: {
        m: 16,
        ef_construct: 100,
        full_scan_threshold: 10000,
        max_indexing_threads: 0,
        on_disk: false,
      },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        max_segment_size: null,
        memmap_threshold: null,
        indexing_threshold: 10000,
        flush_interval_sec: 5,
        max_optimization_threads: null,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
    },
    payload_schema: {},
  }
}
