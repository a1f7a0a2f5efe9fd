/**
 * What every session's vector store starts with: the collections (and their records) and the canned
 * results set on the mock, in code or in the config. A session's store is made from it on first use and
 * lives in the session's memory, so `reset()` (or closing the session) forgets what the app upserted.
 * @module
 */
import { CannedQueries } from './canned'
import { createVectorStore } from './chunk'
import type { VectorStore } from './store'
import type { CannedResults, CollectionOptions, VectorRecord, VectorStoreLimits } from './types'

// Its own module: the vector chunk's dialects journal under it without importing this core module.
export { VECTOR_PROVIDER } from './provider'

const STORE_KEY = 'store'

interface SeedCollection {
  name: string
  options: CollectionOptions
  records: VectorRecord[]
  /** From the config: kept by `reset()`. */
  persistent: boolean
}

export class VectorSetup {
  /** Canned results shared by every session (checked after a session's own). */
  readonly canned = new CannedQueries()
  // Made on first use: every mock has a VectorSetup, few tests use a vector database (issue 15).
  #persistentCanned: Set<string> | undefined
  #collections: Map<string, SeedCollection> | undefined
  /** Bumped on every change, so a store made earlier picks up collections added since. */
  #generation = 0
  readonly limits: Partial<VectorStoreLimits> | undefined

  constructor(options: { limits?: Partial<VectorStoreLimits> } = {}) {
    this.limits = options.limits
  }

  /**
   * A collection every session starts with (replacing one of the same name), with `records` in its default
   * namespace. Checked at once: a bad dimension or record throws here, not at the first request.
   */
  addCollection(
    name: string,
    options: CollectionOptions,
    records: readonly VectorRecord[] = [],
    persistent = false,
  ): void {
    const probe = createVectorStore({ limits: this.limits })
    probe.createCollection(name, options)
    probe.upsert(name, records)
    ;(this.#collections ??= new Map()).set(name, {
      name,
      options,
      records: probe.fetch(
        name,
        records.map((r) => r.id),
      ),
      persistent,
    })
    this.#generation++
  }

  /** Canned results for `collection` in every session (a session's own `onQuery` wins). */
  onQuery(collection: string, results: CannedResults, persistent = false): void {
    this.canned.set(collection, results)
    if (persistent) (this.#persistentCanned ??= new Set()).add(collection)
    else this.#persistentCanned?.delete(collection)
  }

  /** Forgets what code added (collections, canned results); what the config set stays. */
  reset(): void {
    const collections = this.#collections
    if (collections) for (const [name, seed] of collections) if (!seed.persistent) collections.delete(name)
    for (const collection of this.canned.names())
      if (!this.#persistentCanned?.has(collection)) this.canned.delete(collection)
    this.#generation++
  }

  /**
   * The store of the session whose memory (`MountContext.memory` of a `vector` mount) this is, made on
   * first use with the seed collections; collections seeded since it was made are added to it.
   */
  storeFor(memory: Map<string, unknown>): VectorStore {
    let entry = memory.get(STORE_KEY) as { store: VectorStore; generation: number } | undefined
    if (!entry) {
      entry = { store: createVectorStore({ limits: this.limits, shared: this.canned }), generation: -1 }
      memory.set(STORE_KEY, entry)
    }
    if (entry.generation !== this.#generation && this.#collections) {
      for (const seed of this.#collections.values()) {
        if (entry.store.hasCollection(seed.name)) continue
        entry.store.createCollection(seed.name, seed.options)
        entry.store.upsert(seed.name, seed.records)
      }
      entry.generation = this.#generation
    }
    return entry.store
  }
}
