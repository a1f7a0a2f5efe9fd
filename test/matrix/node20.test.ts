/** The matrix on Node 20 (this Node): vitest 4 + msw 2, Jest 30 and 29, Playwright. */
import { describe, expect, test } from 'vitest'
import { NODE20, runProject } from './matrix'

const TIMEOUT = 12 * 60_000

describe.concurrent(`on Node ${process.versions.node}`, () => {
  test('vitest 4: plugin, fixture, matchers', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 20, runner: 'vitest', toolchain: ['node20-vitest', NODE20.vitest] })
    expect(ran.output).toMatch(/Tests\s+5 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('msw 2: standinHandlers in setupServer', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 20, runner: 'msw', toolchain: ['node20-vitest', NODE20.vitest] })
    expect(ran.output).toMatch(/Tests\s+3 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('Jest 30: environment, matchers', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 20, runner: 'jest', toolchain: ['jest30', NODE20.jest30] })
    expect(ran.output).toMatch(/Tests:\s+2 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('Jest 29: environment, matchers', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 20, runner: 'jest', toolchain: ['jest29', NODE20.jest29] })
    expect(ran.output).toMatch(/Tests:\s+2 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('Playwright: worker-mode fixture, a page in Chromium', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({
      node: 20,
      runner: 'playwright',
      toolchain: ['playwright', NODE20.playwright],
    })
    expect(ran.output).toMatch(/2 passed/)
    expect(ran.code, ran.output).toBe(0)
  })
})
