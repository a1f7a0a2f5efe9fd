/**
 * The runners resolve the paths they hand to `createStandin()` against the project, not the worker's
 * working folder: fixtures and the one-port config file alike.
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
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
    expect(engineOptions(resolved, false)).toEqual({
      fixtures: ['/project/fixtures', '/abs/more'],
      config: '/project/aimock.json',
      record: { mode: expect.any(String) },
    })
  })

  describe('record', () => {
    afterEach(() => vi.unstubAllEnvs())

    test('the mode follows the runner rule: the option, -u (all), CI (replay), STANDIN_RECORD first', () => {
      vi.stubEnv('CI', '')
      vi.stubEnv('STANDIN_RECORD', '')
      const upstreams = { openai: 'http://127.0.0.1:9' }
      const resolved = resolveOptions({ record: { mode: 'missing', upstreams, dir: 'rec' } }, '/project')
      expect(engineOptions(resolved, false).record).toEqual({
        mode: 'missing',
        upstreams,
        dir: '/project/rec',
      })
      expect(engineOptions(resolved, true).record).toMatchObject({ mode: 'all' })
      expect(engineOptions({ record: 'live' }, false).record).toEqual({ mode: 'live' })
      vi.stubEnv('CI', 'true')
      expect(engineOptions({ record: 'missing' }, true).record).toEqual({ mode: 'replay' })
      vi.stubEnv('STANDIN_RECORD', 'all')
      expect(engineOptions({ record: 'missing' }, false).record).toEqual({ mode: 'all' })
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
