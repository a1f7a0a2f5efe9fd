import { describe, expect, test } from 'vitest'
import { runCli, tempFiles } from './cli-process'

describe('standin validate', () => {
  test('good files and a config: a summary and exit 0', async () => {
    const result = await runCli(['validate', 'fixtures', 'examples/aimock.json'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^Config examples\/aimock\.json: valid$/m)
    // The config names ../fixtures, given too: each file is counted once.
    expect(result.stdout).toMatch(/^\d+ fixtures in 4 files valid, no warnings$/m)
  })

  test('lists every problem across several files and exits 1', async () => {
    const dir = tempFiles({
      'a.json': {
        fixtures: [
          { match: { usrMessage: 'x' }, response: { content: 'a' } },
          { response: { toolCalls: [{ name: '' }] } },
        ],
      },
      'b.json': '{ "fixtures": [ { "response": {} } ',
      'c.json': { fixtures: [{ match: { userMessage: 'ok' }, response: { content: 'fine' } }] },
      'config.json': { llm: { latency: 'slow' }, mcp: [] },
    })
    const result = await runCli(['validate', '.', 'missing.json'], { cwd: dir })

    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n')
    expect(lines[0]).toBe('standin: 6 problems in 4 files:')
    expect(lines).toEqual(
      expect.arrayContaining([
        '  a.json at fixtures[0].match.usrMessage: unknown match field "usrMessage" (did you mean "userMessage"?)',
        '  a.json at fixtures[1].response.toolCalls[0].name: expected a non-empty tool name',
        expect.stringMatching(/^ {2}b\.json: invalid JSON: .* at line 1, column \d+$/),
        '  config.json at llm.latency: expected number, received string',
        '  config.json at mcp: expected object, received array',
        '  missing.json: no such file or folder',
      ]),
    )
    expect(result.stderr).toContain('(1 fixture in 1 file valid)')
  })

  test('reports warnings without failing', async () => {
    const dir = tempFiles({
      'w.json': {
        fixtures: [
          { match: { userMessage: 'x' }, response: { content: 'a' }, opts: { openRouterProcessing: true } },
        ],
      },
    })
    const result = await runCli(['validate', 'w.json'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 fixture in 1 file valid, 1 warning:')
    expect(result.stdout).toContain(
      'w.json at fixtures[0].openRouterProcessing: "openRouterProcessing" is accepted but not applied yet',
    )
  })

  test('an empty folder is a problem, not a pass', async () => {
    const dir = tempFiles({})
    const result = await runCli(['validate', '.'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no .json files in this folder')
  })
})
