import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT, runCli } from './cli-process'

describe('standin command line', () => {
  test('an unknown flag is an error with the usage, exit 2', async () => {
    const result = await runCli(['serve', '--bogus'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('standin: unknown option --bogus')
    expect(result.stderr).toContain('Usage: standin serve')
  })

  test("a peer's flag says what to use instead", async () => {
    const result = await runCli(['--journal-max', '5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown option --journal-max: use --journal-limit')
  })

  test.each([
    [['serve', '--port', 'abc'], '--port expects a whole number 0-65535, got "abc"'],
    [['serve', '-c', '10'], 'for a chunk size use --chunk-size 10'],
    [['serve', '--strict', '--no-strict'], '--strict and --no-strict cannot be combined'],
    [['validate'], 'validate needs at least one'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('%j is a usage error', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })

  test('--help prints the usage, exit 0', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('standin validate PATH...')
    expect(result.stdout).toContain('-f, --fixtures PATH')
  })

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    const result = await runCli(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` })
  })

  test('the built file starts with a shebang', () => {
    expect(readFileSync(join(ROOT, 'dist/cli/index.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    )
  })
})
