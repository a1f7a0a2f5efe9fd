/**
 * `mock.fixtureUsage()`: how often each loaded fixture answered, across sessions and resets; and the
 * runners' report built from every worker's usage (written, merged, formatted).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../src'
import {
  createUsageDir,
  readRunUsage,
  usageReport,
  writeWorkerUsage,
  type FixtureUsage,
} from '../src/internal'

const dirs: string[] = []
const mocks: Standin[] = []
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.stop()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fixtureDir(files: Record<string, unknown[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-usage-test-'))
  dirs.push(dir)
  for (const [name, fixtures] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), JSON.stringify({ fixtures }))
  }
  return dir
}

const reply = (text: string, content: string) => ({ match: { userMessage: text }, response: { content } })

async function started(
  options: Parameters<typeof createStandin>[0],
): Promise<{ mock: Standin; url: string }> {
  const mock = createStandin(options)
  mocks.push(mock)
  return { mock, url: await mock.start() }
}

async function ask(baseURL: string, question: string): Promise<string | null> {
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'test', maxRetries: 0 })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return completion.choices[0]!.message.content
}

const served = (mock: Standin) => mock.fixtureUsage().map((u) => [u.id, u.served])

describe('mock.fixtureUsage()', () => {
  test('counts every loaded fixture served, in any session, through reset() and closed sessions', async () => {
    const dir = fixtureDir({
      'chat.json': [
        { id: 'greeting', ...reply('hello', 'Hi') },
        reply('weather', 'Sunny'),
        reply('never', 'No'),
      ],
    })
    const { mock, url } = await started({ fixtures: dir })
    expect(served(mock)).toEqual([
      ['greeting', 0],
      [expect.stringMatching(/chat\.json#1$/), 0],
      [expect.stringMatching(/chat\.json#2$/), 0],
    ])
    const alice = mock.session('alice')
    const bob = mock.session('bob')
    expect(await ask(alice.url, 'hello')).toBe('Hi')
    expect(await ask(bob.url, 'hello')).toBe('Hi')
    alice.close()
    bob.reset()
    mock.reset()
    expect(await ask(url, 'weather?')).toBe('Sunny')
    const usage = mock.fixtureUsage()
    expect(usage.map((u) => u.served)).toEqual([2, 1, 0])
    expect(usage[2]).toMatchObject({ index: 2, file: expect.stringMatching(/chat\.json$/) })
  })

  test('lists neither run-time fixtures nor recordings, and a run-time answer does not count a loaded one', async () => {
    const dir = fixtureDir({
      'chat.json': [reply('hello', 'Hi from file')],
      'recorded/openai.json': [reply('recorded question', 'Recorded')],
    })
    const { mock, url } = await started({ fixtures: dir, record: true })
    mock.onMessage('other', { content: 'Other' })
    mock.add([reply('added', 'Added')])
    const session = mock.session('run-time')
    session.onMessage('hello', { content: 'Hi from on()' })
    expect(await ask(session.url, 'hello')).toBe('Hi from on()')
    expect(await ask(url, 'other')).toBe('Other')
    expect(await ask(url, 'recorded question')).toBe('Recorded')
    expect(mock.fixtureUsage()).toEqual([
      {
        id: expect.stringMatching(/chat\.json#0$/),
        file: expect.stringMatching(/chat\.json$/),
        index: 0,
        served: 0,
      },
    ])
  })
})

describe('the runners’ fixture-usage report', () => {
  const usage = (
    file: string,
    index: number,
    servedCount: number,
    id = `${file}#${index}`,
  ): FixtureUsage => ({
    id,
    file,
    index,
    served: servedCount,
  })

  test('merges workers: a fixture is used when any worker served it, and listed once', () => {
    const dir = createUsageDir()
    dirs.push(dir)
    const fixtures = [usage('/p/f.json', 0, 0), usage('/p/f.json', 1, 0)]
    writeWorkerUsage(dir, { fixtureUsage: () => fixtures.map((f, i) => ({ ...f, served: i === 0 ? 1 : 0 })) })
    writeWorkerUsage(dir, { fixtureUsage: () => fixtures.map((f, i) => ({ ...f, served: i === 1 ? 2 : 0 })) })
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toHaveLength(2)
    expect(readRunUsage(dir).map((u) => u.served)).toEqual([1, 2])
  })

  test('a worker that writes again replaces its own file', () => {
    const dir = createUsageDir()
    dirs.push(dir)
    let count = 0
    const mock = { fixtureUsage: () => [usage('/p/f.json', 0, ++count)] }
    writeWorkerUsage(dir, mock)
    writeWorkerUsage(dir, mock)
    expect(readRunUsage(dir)).toEqual([usage('/p/f.json', 0, 2)])
  })

  test('one header line with counts, then each unused fixture by place or by its own id, capped', () => {
    const rows = [
      usage('/p/fixtures/a.json', 0, 3),
      usage('/p/fixtures/a.json', 1, 0, 'farewell'),
      ...Array.from({ length: 22 }, (_, i) => usage('/p/fixtures/b.json', i, 0)),
    ]
    const { text, fail } = usageReport(rows, { option: 'report', cwd: '/p', filtered: undefined })
    const lines = text!.split('\n')
    expect(lines[0]).toBe('standin: 23 of 24 loaded fixtures were not used in this run:')
    expect(lines[1]).toBe('  farewell (fixtures/a.json#1)')
    expect(lines[2]).toBe('  fixtures/b.json#0')
    expect(lines).toHaveLength(22)
    expect(lines[21]).toBe('  ... and 3 more')
    expect(fail).toBe(false)
  })

  test("'fail' fails a full run, never a filtered one; 'off' says nothing", () => {
    const rows = [usage('/p/a.json', 0, 0)]
    const cwd = '/p'
    expect(usageReport(rows, { option: 'fail', cwd, filtered: undefined }).fail).toBe(true)
    const filtered = usageReport(rows, { option: 'fail', cwd, filtered: '-t hello' })
    expect(filtered.fail).toBe(false)
    expect(filtered.text).toContain('a filtered run: -t hello')
    expect(usageReport(rows, { option: 'off', cwd, filtered: undefined })).toEqual({
      text: undefined,
      fail: false,
    })
    expect(usageReport([usage('/p/a.json', 0, 1)], { option: 'fail', cwd, filtered: undefined })).toEqual({
      text: 'standin: all 1 loaded fixtures were used in this run',
      fail: false,
    })
  })
})
