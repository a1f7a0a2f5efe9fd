import { describe, expect, test } from 'vitest'
import { Journal, type JournalEntry } from './journal'

const entry = (id: string) =>
  ({ id, response: { status: 200, stream: false }, fixture: null }) as JournalEntry

/** A slot that counts its builds. */
function deferred(id: string, builds: string[]): () => JournalEntry {
  return () => {
    builds.push(id)
    return entry(id)
  }
}

describe('an entry added as a function is built on its first read, once', () => {
  test('entries, ordered, last and filter build it; later reads give the same object', () => {
    const builds: string[] = []
    const journal = new Journal()
    journal.add(entry('req_1'), 10, 1)
    journal.add(deferred('req_2', builds), 10, 2)
    journal.add(deferred('req_3', builds), 10, 3)
    expect(builds).toEqual([])
    expect(journal.size).toBe(3)
    expect(journal.last()!.id).toBe('req_3')
    expect(builds).toEqual(['req_3'])
    const all = journal.entries
    expect(all.map((e) => e.id)).toEqual(['req_1', 'req_2', 'req_3'])
    expect(builds).toEqual(['req_3', 'req_2'])
    expect(journal.ordered().map((o) => o.entry)).toEqual(all)
    expect(journal.ordered()[1]!.entry).toBe(all[1])
    expect(journal.filter({ path: undefined })).toHaveLength(3)
    expect(builds).toEqual(['req_3', 'req_2'])
  })

  test('a reset and eviction by the limits build nothing; a clear by predicate builds what it tests', () => {
    const builds: string[] = []
    const journal = new Journal({ entries: 2 })
    journal.add(deferred('req_1', builds), 10, 1)
    journal.add(deferred('req_2', builds), 10, 2)
    journal.add(deferred('req_3', builds), 10, 3)
    expect(journal.size).toBe(2)
    journal.clear()
    expect(journal.size).toBe(0)
    expect(builds).toEqual([])
    journal.add(deferred('req_4', builds), 10, 4)
    journal.add(deferred('req_5', builds), 10, 5)
    journal.clear((e) => e.id === 'req_4')
    expect(builds).toEqual(['req_4', 'req_5'])
    expect(journal.entries.map((e) => e.id)).toEqual(['req_5'])
    expect(builds).toEqual(['req_4', 'req_5'])
  })
})
