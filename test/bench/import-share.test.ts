import { describe, expect, test } from 'vitest'

interface ImportData {
  medians: Record<string, number>
  times?: Record<string, number[]>
  runners: Record<string, string | undefined>
}
interface ImportCase {
  overBare(data: ImportData, specifier: string): number
}
// A plain .mjs module of the benchmark, without types.
const { overBare } = (await import(
  new URL('../../bench/cases/import.mjs', import.meta.url).href
)) as ImportCase

describe("the import case's standin share", () => {
  const runners = { 'standin/playwright': '@playwright/test', standin: undefined }

  test('is the median of the differences within each round, not the difference of the medians', () => {
    // Rounds drift (the machine's load): standin/playwright is 5 ms over Playwright in every round.
    const times = {
      'bare node -e 0': [100, 100, 100],
      standin: [110, 130, 120],
      '@playwright/test': [500, 620, 560],
      'standin/playwright': [505, 625, 565],
    }
    const medians = {
      'bare node -e 0': 100,
      standin: 120,
      '@playwright/test': 540,
      'standin/playwright': 565,
    }
    const data = { times, medians, runners }
    expect(overBare(data, 'standin/playwright')).toBe(5)
    expect(overBare(data, 'standin')).toBe(20)
  })

  test('falls back to the difference of the medians for results without raw times', () => {
    const medians = {
      'bare node -e 0': 100,
      standin: 120,
      '@playwright/test': 540,
      'standin/playwright': 565,
    }
    expect(overBare({ medians, runners }, 'standin/playwright')).toBe(25)
  })
})
