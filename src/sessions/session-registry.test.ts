import { describe, expect, test } from 'vitest'
import type { JournalEntry } from '../journal/journal'
import { SessionRegistry } from './session-registry'

const entry = (id: string) => ({ id }) as JournalEntry

describe('the registry is its journals’ byte budget', () => {
  test('past the budget, the session holding the most gives up its oldest entries; the others keep theirs', () => {
    const registry = new SessionRegistry({ journalBudget: 1000 })
    const quiet = registry.get('quiet')
    const flood = registry.get('flood')
    quiet.journal.add(entry('q1'), 100, 1)
    for (let i = 0; i < 12; i++) flood.journal.add(entry(`f${i}`), 100, 2 + i)
    expect(registry.used).toBeLessThanOrEqual(1000)
    expect(quiet.journal.entries.map((e) => e.id)).toEqual(['q1'])
    expect(flood.journal.size).toBe(9)
    expect(flood.journal.entries[0]!.id).toBe('f3')
  })

  test('a session forgotten or reset gives its bytes back', () => {
    const registry = new SessionRegistry({ journalBudget: 1000 })
    registry.get('a').journal.add(entry('a1'), 300, 1)
    registry.default.journal.add(entry('d1'), 200, 2)
    expect(registry.used).toBe(500)
    registry.delete('a')
    expect(registry.used).toBe(200)
    registry.clear()
    expect(registry.used).toBe(0)
  })

  test('journals share the default limits unless given some', () => {
    const plain = new SessionRegistry()
    expect(plain.get('x').journal.limits).toBe(plain.default.journal.limits)
    expect(plain.default.journal.limits).toEqual({ entries: 1000, bytes: 16 * 1024 * 1024 })
    const capped = new SessionRegistry({ journal: { entries: 2 } })
    const journal = capped.default.journal
    for (let i = 0; i < 3; i++) journal.add(entry(`e${i}`), 1, i)
    expect(journal.entries.map((e) => e.id)).toEqual(['e1', 'e2'])
  })
})
