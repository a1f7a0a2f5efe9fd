/**
 * Nothing in a fixture folder is skipped without a word: links are followed (loops are not), `.json` is
 * read in any case, every file not loaded is named with why, duplicate ids are errors naming both places,
 * and tool-call arguments that some providers cannot send are warned about.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createStandin, FixtureError, loadFixtureFiles, type FixtureIssue } from '../../src'
import { postJson, startOpenAIMock } from '../helpers/mock-server'
import { runCli, startCli } from '../cli/cli-process'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  vi.restoreAllMocks()
})

/** Writes files (relative path → text or JSON value) into a new temporary folder. */
function folderWith(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'standin-loading-'))
  folders.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content))
  }
  return root
}

/** A fixture file answering `text` with `text`, optionally with an id. */
const answering = (text: string, id?: string) => ({
  fixtures: [{ ...(id && { id }), match: { userMessage: text }, response: { content: text } }],
})

function issuesOf(load: () => unknown): FixtureIssue[] {
  try {
    load()
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError)
    return (error as FixtureError).issues
  }
  throw new Error('expected a FixtureError')
}

describe('symbolic links in a fixture folder are followed', () => {
  test('a linked file and a linked folder load', () => {
    const root = folderWith({
      'outside/linked-file.json': answering('from a linked file'),
      'outside/folder/inner.json': answering('from a linked folder'),
      'fixtures/plain.json': answering('plain'),
    })
    symlinkSync(join(root, 'outside/linked-file.json'), join(root, 'fixtures/link.json'))
    symlinkSync(join(root, 'outside/folder'), join(root, 'fixtures/linked-folder'))
    const loaded = loadFixtureFiles([join(root, 'fixtures')], root)
    expect(loaded.files).toEqual([
      'fixtures/link.json',
      'fixtures/plain.json',
      'fixtures/linked-folder/inner.json',
    ])
    expect(loaded.warnings).toEqual([])
  })

  test('a link back to an enclosing folder is a loop: named, not followed, and the load ends', () => {
    const root = folderWith({ 'fixtures/a.json': answering('a'), 'fixtures/sub/b.json': answering('b') })
    symlinkSync(join(root, 'fixtures'), join(root, 'fixtures/sub/back'))
    symlinkSync(join(root, 'fixtures/self'), join(root, 'fixtures/self'))
    symlinkSync(join(root, 'nowhere'), join(root, 'fixtures/dangling.json'))
    const loaded = loadFixtureFiles([join(root, 'fixtures')], root)
    expect(loaded.files).toEqual(['fixtures/a.json', 'fixtures/sub/b.json'])
    expect(loaded.warnings).toEqual([
      { file: 'fixtures/dangling.json', path: '', message: 'not loaded: a symbolic link to nothing' },
      { file: 'fixtures/self', path: '', message: 'not loaded: a symbolic link loop' },
      {
        file: 'fixtures/sub/back',
        path: '',
        message: 'not loaded: a symbolic link back to fixtures: a loop, not followed',
      },
    ])
  })

  test('a file reached twice (a link beside its target) loads once, and says so', () => {
    const root = folderWith({ 'fixtures/v2.json': answering('v2', 'greeting') })
    symlinkSync(join(root, 'fixtures/v2.json'), join(root, 'fixtures/latest.json'))
    const loaded = loadFixtureFiles([join(root, 'fixtures')], root)
    expect(loaded.entries.map((e) => e.source)).toEqual(['fixtures/latest.json#0'])
    expect(loaded.warnings).toEqual([
      {
        file: 'fixtures/v2.json',
        path: '',
        message: 'not loaded: the same file as fixtures/latest.json: loaded once',
      },
    ])
  })
})

describe('every file in a fixture folder that is not loaded is named, with why', () => {
  test('.yaml, .yml, .json5, .jsonc and other files are warned about; hidden files are not', () => {
    const root = folderWith({
      'chat.yaml': 'fixtures: []',
      'more.yml': 'fixtures: []',
      'loose.json5': '{fixtures: []}',
      'commented.jsonc': '{"fixtures": []}',
      'README.md': '# my fixtures',
      '.DS_Store': '',
      'ok.json': answering('ok'),
    })
    const loaded = loadFixtureFiles([root], root)
    expect(loaded.files).toEqual(['ok.json'])
    expect(loaded.warnings).toEqual([
      { file: 'chat.yaml', path: '', message: 'not loaded: YAML is not supported: convert it to JSON' },
      {
        file: 'commented.jsonc',
        path: '',
        message: 'not loaded: JSON with comments is not supported: convert it to JSON',
      },
      { file: 'loose.json5', path: '', message: 'not loaded: JSON5 is not supported: convert it to JSON' },
      { file: 'more.yml', path: '', message: 'not loaded: YAML is not supported: convert it to JSON' },
      { file: 'README.md', path: '', message: 'not loaded: not a .json file' },
    ])
  })

  test('UPPER.JSON loads and serves', async () => {
    const root = folderWith({ 'UPPER.JSON': answering('shouting'), 'Mixed.Json': answering('mixed') })
    const loaded = loadFixtureFiles([root], root)
    expect(loaded.files).toEqual(['Mixed.Json', 'UPPER.JSON'])
    const { client, close } = await startOpenAIMock({ fixtures: root })
    try {
      const reply = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'shouting' }],
      })
      expect(reply.choices[0]!.message.content).toBe('shouting')
    } finally {
      await close()
    }
  })
})

describe('duplicate fixture ids are an error naming both places', () => {
  test('across two files: file and JSON path of each', () => {
    const root = folderWith({
      'a.json': { fixtures: [answering('one').fixtures[0], answering('two', 'greeting').fixtures[0]] },
      'b.json': answering('three', 'greeting'),
    })
    expect(issuesOf(() => loadFixtureFiles([root], root))).toEqual([
      {
        file: 'b.json',
        path: 'fixtures[0].id',
        message: 'duplicate fixture id "greeting": a.json at fixtures[1].id has it too',
      },
    ])
  })

  test('within one file, and nothing from the load is registered', () => {
    const root = folderWith({
      'a.json': { fixtures: [answering('one', 'same').fixtures[0], answering('two', 'same').fixtures[0]] },
    })
    const mock = createStandin({ strict: false })
    expect(issuesOf(() => mock.loadFixtures(root))).toEqual([
      {
        file: expect.stringMatching(/a\.json$/),
        path: 'fixtures[1].id',
        message: expect.stringMatching(
          /^duplicate fixture id "same": .*a\.json at fixtures\[0\]\.id has it too$/,
        ),
      },
    ])
    expect(mock.fixtures).toHaveLength(0)
  })

  test('on() with an id a file already has, and on() twice with one id', () => {
    const root = folderWith({ 'a.json': answering('one', 'greeting') })
    const mock = createStandin({ strict: false, fixtures: root })
    expect(issuesOf(() => mock.on({ userMessage: 'x' }, { content: 'x' }, { id: 'greeting' }))).toEqual([
      {
        file: 'on()',
        path: 'id',
        message: expect.stringMatching(
          /^duplicate fixture id "greeting": .*a\.json at fixtures\[0\]\.id has it too$/,
        ),
      },
    ])
    mock.on({ userMessage: 'y' }, { content: 'y' }, { id: 'mine' })
    expect(issuesOf(() => mock.on({ userMessage: 'z' }, { content: 'z' }, { id: 'mine' }))).toEqual([
      { file: 'on()', path: 'id', message: 'duplicate fixture id "mine": on() has it too' },
    ])
  })

  test('the same file loaded twice is an error; a folder and a file inside it in one load is loaded once', () => {
    const root = folderWith({ 'a.json': answering('one') })
    const mock = createStandin({ strict: false })
    mock.loadFixtures(root)
    const [issue] = issuesOf(() => mock.loadFixtures(root))
    expect(issue!.path).toBe('fixtures[0]')
    expect(issue!.message).toMatch(/has it too \(the same file loaded twice\? load each file once\)$/)

    const once = createStandin({ strict: false })
    const loaded = once.loadFixtures([root, join(root, 'a.json')])
    expect(once.fixtures).toHaveLength(1)
    expect(loaded.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^not loaded: the same file as .*a\.json: loaded once$/),
    ])
  })

  test('the control API answers 400 naming both entries', async () => {
    const { url, close } = await startOpenAIMock()
    try {
      const response = await postJson(`${url}/__standin/fixtures`, {
        fixtures: [answering('one', 'dup').fixtures[0], answering('two', 'dup').fixtures[0]],
      })
      expect(response.status).toBe(400)
      const body = (await response.json()) as { error: { issues: FixtureIssue[] } }
      expect(body.error.issues).toEqual([
        {
          file: 'control API',
          path: 'fixtures[1].id',
          message: 'duplicate fixture id "dup": control API at fixtures[0].id has it too',
        },
      ])
    } finally {
      await close()
    }
  })
})

describe('tool-call arguments that are not a JSON object are warned about', () => {
  const withArguments = (...values: unknown[]) => ({
    fixtures: [
      {
        match: { userMessage: 'tools' },
        response: { toolCalls: values.map((value) => ({ name: 'get_weather', arguments: value })) },
      },
      {
        match: { userMessage: 'blocks' },
        response: { blocks: [{ type: 'toolCall', name: 'lookup', arguments: '{"q": ' }] },
      },
    ],
  })

  test('from a file: file and JSON path of each, and valid arguments pass quietly', () => {
    const root = folderWith({
      'tools.json': withArguments('{"city": "Paris"}', { city: 'Paris' }, "{city: 'Paris'}", '[1, 2]', ''),
    })
    const loaded = loadFixtureFiles([root], root)
    expect(loaded.warnings.map(({ file, path }) => `${file} at ${path}`)).toEqual([
      'tools.json at fixtures[0].response.toolCalls[2].arguments',
      'tools.json at fixtures[0].response.toolCalls[3].arguments',
      'tools.json at fixtures[0].response.toolCalls[4].arguments',
      'tools.json at fixtures[1].response.blocks[0].arguments',
    ])
    expect(loaded.warnings[0]!.message).toMatch(
      /^arguments is not valid JSON \(.+\); providers that send arguments as an object \(Anthropic, Gemini, Bedrock\) answer 500 instead/,
    )
    expect(loaded.warnings[1]!.message).toMatch(/^arguments is JSON but not an object;/)
  })

  test('given in code: a process warning naming on() or add()', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const mock = createStandin({ strict: false })
    mock.onMessage('x', { toolCalls: [{ name: 'f', arguments: 'not json' }] })
    mock.add([{ match: { userMessage: 'y' }, response: { toolCalls: [{ name: 'g', arguments: '{' }] } }])
    expect(emit.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringMatching(/^on\(\) at response\.toolCalls\[0\]\.arguments: arguments is not valid JSON/),
      expect.stringMatching(
        /^add\(\)\[0\] at response\.toolCalls\[0\]\.arguments: arguments is not valid JSON/,
      ),
    ])
  })
})

describe('the CLI reports all of it', () => {
  const problemFolder = () =>
    folderWith({
      'a.json': answering('one', 'greeting'),
      'b.json': answering('two', 'greeting'),
      'c.yaml': 'fixtures: []',
      'd.json': {
        fixtures: [{ match: { userMessage: 't' }, response: { toolCalls: [{ name: 'f', arguments: '{' }] } }],
      },
    })

  test('standin validate: duplicate ids fail, skipped files and bad arguments are warnings', async () => {
    const result = await runCli(['validate', '.'], { cwd: problemFolder() })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'b.json at fixtures[0].id: duplicate fixture id "greeting": a.json at fixtures[0].id has it too',
    )
    expect(result.stdout).toContain('c.yaml: not loaded: YAML is not supported: convert it to JSON')
    expect(result.stdout).toMatch(
      /d\.json at fixtures\[0\]\.response\.toolCalls\[0\]\.arguments: arguments is not valid JSON/,
    )
  })

  test('standin serve prints the files it did not load', async () => {
    const root = folderWith({ 'ok.json': answering('ok'), 'chat.yaml': 'fixtures: []' })
    const served = await startCli(['serve', '--fixtures', '.'], { cwd: root })
    try {
      await served.waitForStdout(/Press Ctrl\+C to stop\./)
      expect(served.stdout()).toContain('Warnings: 1')
      expect(served.stdout()).toContain('chat.yaml: not loaded: YAML is not supported: convert it to JSON')
    } finally {
      await served.stop()
    }
  })
})

describe('warnings and duplicates outside a load report', () => {
  test('createStandin({ fixtures }) turns the load warnings into process warnings naming the file', () => {
    const root = folderWith({ 'chat.json': answering('hi'), 'notes.yaml': 'a: 1' })
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    createStandin({ fixtures: root })
    const messages = emitted.mock.calls.map(([message]) => String(message))
    expect(messages.some((m) => m.includes('notes.yaml'))).toBe(true)
  })

  test('the control API answers an id already registered with a 400 naming it, not a 500', async () => {
    const server = await startOpenAIMock({
      fixtures: folderWith({ 'chat.json': answering('hi', 'greeting') }),
    })
    try {
      const response = await postJson(`${server.url}/__standin/fixtures`, answering('hello', 'greeting'))
      expect(response.status).toBe(400)
      const body = (await response.json()) as { error: { type: string; message: string } }
      expect(body.error.type).toBe('invalid_fixture')
      expect(body.error.message).toContain('greeting')
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
