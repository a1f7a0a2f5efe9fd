/**
 * The responses this mock produced, kept in the provider's memory so that `previous_response_id`,
 * `item_reference` input items and `GET /v1/responses/{id}` resolve against them, as OpenAI resolves them
 * against the responses it stored.
 * @see https://platform.openai.com/docs/guides/conversation-state
 * @module
 */
import type { ChatMessage, ToolCall } from '../../canonical'

/** What one output item contributes to a later request that refers to it by id. */
export type ItemContribution =
  | { kind: 'assistant-text'; text: string }
  | { kind: 'tool-call'; call: ToolCall }
  /** Reasoning: the model's own, not part of the canonical conversation. */
  | { kind: 'none' }

export interface StoredResponse {
  /** The response object, as `GET /v1/responses/{id}` returns it. */
  body: Record<string, unknown>
  /** The whole conversation up to and including this response's output, in canonical form. */
  conversation: ChatMessage[]
}

/** Bounded like the journal: a long test run must not grow memory without end. */
const MAX_RESPONSES = 1000
const MEMORY_KEY = 'openai.responses'

export class ResponseStore {
  readonly #responses = new Map<string, { response: StoredResponse; itemIds: string[] }>()
  readonly #items = new Map<string, ItemContribution>()

  get(id: string): StoredResponse | undefined {
    return this.#responses.get(id)?.response
  }

  item(id: string): ItemContribution | undefined {
    return this.#items.get(id)
  }

  save(id: string, response: StoredResponse, items: Array<[string, ItemContribution]>): void {
    this.delete(id)
    this.#responses.set(id, { response, itemIds: items.map(([itemId]) => itemId) })
    for (const [itemId, contribution] of items) this.#items.set(itemId, contribution)
    if (this.#responses.size > MAX_RESPONSES) this.delete(this.#responses.keys().next().value!)
  }

  delete(id: string): boolean {
    const entry = this.#responses.get(id)
    if (!entry) return false
    this.#responses.delete(id)
    for (const itemId of entry.itemIds) this.#items.delete(itemId)
    return true
  }
}

/** A provider memory holding `store`, for a decoder that should resolve ids against it. */
export function memoryWith(store: ResponseStore): Map<string, unknown> {
  return new Map([[MEMORY_KEY, store]])
}

/** The store in a provider's memory, created on first use (memory is cleared by `reset()`). */
export function responseStore(memory: Map<string, unknown>): ResponseStore {
  let store = memory.get(MEMORY_KEY) as ResponseStore | undefined
  if (!store) {
    store = new ResponseStore()
    memory.set(MEMORY_KEY, store)
  }
  return store
}
