/**
 * What the matrix runs: each consumer project with a toolchain, on a Node version. The versions here are
 * the README's supported-versions table; peerDependencies state the same ranges.
 * @module
 */
import { join } from 'node:path'
import { consumer, node24, ROOT, run, toolchain, type Ran } from './toolchain'

const SDK = { openai: '6.49.0' }

export const NODE20 = {
  vitest: { vitest: '4.1.12', msw: '2.15.0', ...SDK },
  jest30: { jest: '30.5.2', 'jest-environment-node': '30.5.2', '@jest/globals': '30.5.2', ...SDK },
  jest29: { jest: '29.7.0', 'jest-environment-node': '29.7.0', '@jest/globals': '29.7.0', ...SDK },
  playwright: { '@playwright/test': '1.65.1', ...SDK },
}

export const NODE24 = {
  vitest: { vitest: '5.1.2', msw: '3.0.5', '@types/node': '24.19.4', ...SDK },
  jest30: NODE20.jest30,
  playwright: NODE20.playwright,
}

export type Runner = 'vitest' | 'msw' | 'jest' | 'playwright'

const COMMANDS: Record<Runner, string[]> = {
  vitest: ['node_modules/vitest/vitest.mjs', 'run'],
  msw: ['node_modules/vitest/vitest.mjs', 'run'],
  jest: ['node_modules/jest/bin/jest.js', '--ci'],
  playwright: ['node_modules/@playwright/test/cli.js', 'test'],
}

/** Installs the toolchain (once), the packed standin, the project; runs its tests on the given Node. */
export async function runProject(options: {
  node: 20 | 24
  runner: Runner
  toolchain: [name: string, dependencies: Record<string, string>]
}): Promise<Ran> {
  const node = options.node === 24 ? await node24() : process.execPath
  const version = (await run(node, ['--version'], { cwd: ROOT })).output.trim()
  if (!version.startsWith(`v${options.node}.`))
    throw new Error(`expected Node ${options.node}, ${node} is ${version}`)
  const dir = await toolchain(...options.toolchain)
  const project = await consumer(options.runner, dir, `node${options.node}`)
  const [script, ...args] = COMMANDS[options.runner]
  return run(node, [join(dir, script!), ...args], {
    cwd: project,
    // The consumer's own settings only: no OPENAI_BASE_URL or Vitest state from this run.
    env: {
      OPENAI_BASE_URL: undefined,
      VITEST: undefined,
      VITEST_WORKER_ID: undefined,
      VITEST_POOL_ID: undefined,
      NODE_OPTIONS: undefined,
      CI: 'true',
      FORCE_COLOR: '0',
    },
  })
}
