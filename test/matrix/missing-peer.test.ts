/** An entry whose optional peer is not installed says what to install, in CommonJS and ESM alike. */
import { describe, expect, test } from 'vitest'
import { consumer, run, toolchain } from './toolchain'

const ENTRIES = [
  ['standin/msw', 'install msw to use standin/msw'],
  ['standin/vitest/setup', 'install vitest to use standin/vitest'],
  ['standin/jest/environment', 'install jest-environment-node to use standin/jest/environment'],
  ['standin/playwright', 'install @playwright/test to use standin/playwright'],
] as const

describe('the packed package without its optional peers', () => {
  test('each runner entry names the package to install', { timeout: 10 * 60_000 }, async () => {
    // Only standin's own dependencies: no runner, no msw.
    const project = await consumer('bare', await toolchain('bare', {}), 'node20')
    for (const [entry, message] of ENTRIES) {
      const cjs = await run(process.execPath, ['-e', `require(${JSON.stringify(entry)})`], { cwd: project })
      const esm = await run(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`],
        {
          cwd: project,
        },
      )
      for (const ran of [cjs, esm]) {
        expect(ran.code, ran.output).toBe(1)
        expect(ran.output).toContain(`Error: ${message} (npm i -D `)
        // Node's own error appears only as the cause, indented under ours.
        expect(ran.output).not.toMatch(/^Error(: Cannot find module| \[ERR_MODULE_NOT_FOUND\])/m)
      }
    }
    // The core entry needs no peer at all.
    const core = await run(process.execPath, ['-e', "require('standin').createStandin()"], { cwd: project })
    expect(core.code, core.output).toBe(0)
  })
})
