/**
 * The runners resolve the paths they hand to `createStandin()` against the project, not the worker's
 * working folder: fixtures and the one-port config file alike.
 */
import { describe, expect, test } from 'vitest'
import { resolveJestOptions } from '../../integrations/jest/options'
import { engineOptions, resolveOptions } from '../../integrations/vitest/options'

describe('Vitest plugin options', () => {
  test('fixtures and config become absolute against the root, and reach createStandin()', () => {
    const resolved = resolveOptions(
      { fixtures: ['./fixtures', '/abs/more'], config: './aimock.json', mode: 'worker', onFailure: 'off' },
      '/project',
    )
    expect(resolved.fixtures).toEqual(['/project/fixtures', '/abs/more'])
    expect(resolved.config).toBe('/project/aimock.json')
    expect(engineOptions(resolved)).toEqual({
      fixtures: ['/project/fixtures', '/abs/more'],
      config: '/project/aimock.json',
    })
  })

  test('without paths nothing is added', () => {
    expect(resolveOptions({ strict: true }, '/project')).toEqual({ strict: true })
  })
})

describe('Jest options', () => {
  test('config resolves against rootDir, fixtures against rootDir and pragmas against the test file', () => {
    const resolved = resolveJestOptions({
      options: { config: 'standin/aimock.json', fixtures: './fixtures' },
      rootDir: '/repo',
      testPath: '/repo/src/a.test.ts',
      pragmas: { 'standin-fixtures': './own.json' },
    })
    expect(resolved.config).toBe('/repo/standin/aimock.json')
    expect(resolved.fixtures).toEqual(['/repo/fixtures', '/repo/src/own.json'])
  })

  test('no config, no config key', () => {
    const resolved = resolveJestOptions({
      options: {},
      rootDir: '/repo',
      testPath: '/repo/a.test.ts',
      pragmas: {},
    })
    expect('config' in resolved).toBe(false)
  })
})
