/**
 * Live session resumption: with `sessionResumption` in its setup, a session is sent a
 * `sessionResumptionUpdate` handle after setup and after each complete turn; a later connection whose setup
 * names that handle continues the same conversation. Handles are kept in the standin session's memory
 * (cleared with it), bounded like the other per-session stores.
 * @see https://ai.google.dev/gemini-api/docs/live-session#session-resumption
 * @module
 */

const MEMORY_KEY = 'gemini.live.resumption'
const MAX_HANDLES = 200

/** The conversation (Gemini `Content` turns) each handle resumes. */
export class ResumptionStore {
  readonly #handles = new Map<string, unknown[]>()

  get(handle: string): unknown[] | undefined {
    return this.#handles.get(handle)
  }

  save(handle: string, contents: unknown[]): void {
    this.#handles.set(handle, [...contents])
    if (this.#handles.size > MAX_HANDLES) this.#handles.delete(this.#handles.keys().next().value!)
  }
}

/** The store in a provider's session memory, created on first use. */
export function resumptionStore(memory: Map<string, unknown>): ResumptionStore {
  let store = memory.get(MEMORY_KEY) as ResumptionStore | undefined
  if (!store) {
    store = new ResumptionStore()
    memory.set(MEMORY_KEY, store)
  }
  return store
}
