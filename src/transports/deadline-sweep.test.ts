import { describe, expect, test } from 'vitest'
import { DeadlineSweep, sweepTimerCount, type Deadline } from './deadline-sweep'

describe('DeadlineSweep', () => {
  test('expires only the deadlines that are due, with the time of the sweep', () => {
    const sweep = new DeadlineSweep(10, () => 0)
    const expired: [string, number][] = []
    const deadline = (name: string, at: number): Deadline => ({
      at,
      expire: (now) => expired.push([name, now]),
    })
    sweep.add(deadline('early', 100))
    sweep.add(deadline('late', 300))
    sweep.add(deadline('never', Infinity))
    sweep.sweep(50)
    expect(expired).toEqual([])
    sweep.sweep(100)
    expect(expired).toEqual([['early', 100]])
    sweep.sweep(1e12)
    expect(expired.map(([name]) => name)).toEqual(['early', 'early', 'late'])
  })

  test('a deleted deadline is not expired, and one that moves its time on waits for it', () => {
    const sweep = new DeadlineSweep(10)
    let calls = 0
    const moving: Deadline = {
      at: 10,
      expire(now) {
        calls++
        moving.at = now + 100
      },
    }
    const gone: Deadline = { at: 10, expire: () => expect.fail('deleted deadlines never expire') }
    sweep.add(moving)
    sweep.add(gone)
    sweep.delete(gone)
    sweep.sweep(20)
    sweep.sweep(60)
    expect(calls).toBe(1)
    sweep.sweep(120)
    expect(calls).toBe(2)
    expect(sweep.size).toBe(1)
  })

  test('start sweeps on a timer and stop forgets every deadline', async () => {
    const sweep = new DeadlineSweep(5)
    const expired = new Promise<number>((resolve) => sweep.add({ at: 0, expire: resolve }))
    sweep.start()
    expect(await expired).toBeGreaterThanOrEqual(0)
    sweep.stop()
    expect(sweep.size).toBe(0)
  })

  test('sweeps of one period share a timer, each sweeps its own deadlines, and a stopped one is left out', async () => {
    // A period no other test uses, so the count below is this test's timer alone.
    const every = 7
    const before = sweepTimerCount()
    const a = new DeadlineSweep(every)
    const b = new DeadlineSweep(every)
    a.start()
    b.start()
    expect(sweepTimerCount()).toBe(before)
    const seen: string[] = []
    const aDone = new Promise<void>((resolve) =>
      a.add({ at: 0, expire: () => void (seen.push('a'), resolve()) }),
    )
    const bDone = new Promise<void>((resolve) =>
      b.add({ at: 0, expire: () => void (seen.push('b'), resolve()) }),
    )
    expect(sweepTimerCount()).toBe(before + 1)
    await Promise.all([aDone, bDone])
    expect(seen.sort()).toEqual(['a', 'b'])
    expect(a.size).toBe(1)
    // a stops: its deadlines are forgotten and never expire again, while b's still do.
    a.add({ at: 0, expire: () => expect.fail('a stopped sweep never expires a deadline') })
    a.stop()
    expect(a.size).toBe(0)
    let bCalls = 0
    await new Promise<void>((resolve) =>
      b.add({
        at: 0,
        expire(now) {
          if (++bCalls === 2) resolve()
          this.at = now
        },
      }),
    )
    b.stop()
    // With no sweep left, the shared timer clears itself on its next tick; a sweep started later gets one.
    const c = new DeadlineSweep(every)
    c.start()
    await new Promise<void>((resolve) => c.add({ at: 0, expire: () => resolve() }))
    c.stop()
  })
})
