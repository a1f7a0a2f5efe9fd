import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  findObsoleteRecordings,
  formatObsoleteRecordings,
  removeObsoleteRecordings,
  removeUnusedRecording,
} from './obsolete-recordings'
import { runnerRecording } from './record-option'
import { MAX_NAME_BYTES, recordingFileOf, recordingFilesOf } from './recording-files'

const FILE = '/repo/tests/agent.test.ts'
const FOLDER = '/repo/tests/__recordings__/agent.test.ts'

describe('recording file names', () => {
  test('beside the test file, named by the title path', () => {
    expect(recordingFileOf(FILE, ['weather', 'searches first'])).toBe(
      `${FOLDER}/weather › searches first.json`,
    )
    expect(recordingFileOf(FILE, ['plain'])).toBe(`${FOLDER}/plain.json`)
  })

  test('characters Windows refuses become _, whitespace runs one space, no leading dot', () => {
    expect(basename(recordingFileOf(FILE, ['a/b\\c: "d" <e>|f?*', 'two\nlines\t here']))).toBe(
      'a_b_c_ _d_ _e__f__ › two lines here.json',
    )
    expect(basename(recordingFileOf(FILE, ['.hidden']))).toBe('_.hidden.json')
    expect(basename(recordingFileOf(FILE, ['CON']))).toBe('CON_.json')
    expect(basename(recordingFileOf(FILE, ['ends with dots...']))).toBe('ends with dots.json')
    expect(basename(recordingFileOf(FILE, ['']))).toBe('_.json')
  })

  test('long names are cut on a character boundary and end with a hash of the whole path', () => {
    const long = ['é'.repeat(200)]
    const name = basename(recordingFileOf(FILE, long))
    expect(name).toMatch(/^é+~[0-9a-f]{8}\.json$/)
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES + 14)
    // Two long titles that share their first 160 bytes still get two files.
    const other = basename(recordingFileOf(FILE, ['é'.repeat(201)]))
    expect(other).not.toBe(name)
  })

  test('titles that would share a file get their hash; a repeated title path gets a counter', () => {
    const files = recordingFilesOf(FILE, [
      ['Says hi'],
      ['says hi'],
      ['a/b'],
      ['a_b'],
      ['twice'],
      ['twice'],
      ['alone'],
    ]).map((path) => basename(path))
    expect(files[0]).toMatch(/^Says hi~[0-9a-f]{8}\.json$/)
    expect(files[1]).toMatch(/^says hi~[0-9a-f]{8}\.json$/)
    expect(files[2]).toMatch(/^a_b~[0-9a-f]{8}\.json$/)
    expect(files[3]).toMatch(/^a_b~[0-9a-f]{8}\.json$/)
    expect(files[2]).not.toBe(files[3])
    expect(files.slice(4)).toEqual(['twice.json', 'twice (2).json', 'alone.json'])
  })
})

describe('obsolete recordings', () => {
  let dir: string
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function setUp(): { testFile: string; folder: string } {
    dir = mkdtempSync(join(tmpdir(), 'standin-obsolete-'))
    const testFile = join(dir, 'agent.test.ts')
    writeFileSync(testFile, '')
    const folder = join(dir, '__recordings__', 'agent.test.ts')
    mkdirSync(folder, { recursive: true })
    for (const name of ['kept.json', 'renamed away.json', '.kept.json.1.tmp'])
      writeFileSync(join(folder, name), '{}')
    mkdirSync(join(dir, '__recordings__', 'deleted.test.ts'))
    writeFileSync(join(dir, '__recordings__', 'deleted.test.ts', 'x.json'), '{}')
    return { testFile, folder }
  }

  test('files no test names, and folders of test files that are gone', () => {
    const { testFile, folder } = setUp()
    const obsolete = findObsoleteRecordings([{ file: testFile, titlePaths: [['kept'], ['never recorded']] }])
    expect(obsolete).toEqual({
      files: [join(folder, 'renamed away.json')],
      folders: [join(dir, '__recordings__', 'deleted.test.ts')],
    })
    const text = formatObsoleteRecordings(obsolete, { removed: false, cwd: dir, updateHint: 'Run vitest -u' })
    expect(text).toBe(
      [
        'standin: 2 obsolete recordings (no test uses them). Run vitest -u to remove them:',
        '  ↳ __recordings__/agent.test.ts/renamed away.json',
        '  ↳ __recordings__/deleted.test.ts/ (its test file is gone)',
      ].join('\n'),
    )
  })

  test('removing them leaves the used recordings, and no empty folder', () => {
    const { testFile, folder } = setUp()
    const obsolete = findObsoleteRecordings([{ file: testFile, titlePaths: [['kept']] }])
    expect(removeObsoleteRecordings(obsolete)).toEqual([])
    expect(readdirSync(folder).sort()).toEqual(['.kept.json.1.tmp', 'kept.json'])
    expect(readdirSync(join(dir, '__recordings__'))).toEqual(['agent.test.ts'])

    const none = findObsoleteRecordings([{ file: testFile, titlePaths: [] }])
    removeObsoleteRecordings({ files: none.files, folders: [] })
    rmSync(join(folder, '.kept.json.1.tmp'))
    removeObsoleteRecordings({ files: [], folders: [folder] })
    expect(existsSync(join(dir, '__recordings__'))).toBe(false)
    expect(formatObsoleteRecordings({ files: [], folders: [] }, { removed: true })).toBe('')
  })
})

test('re-recording removes the old file of a passing test that recorded nothing, and only then', () => {
  const folder = mkdtempSync(join(tmpdir(), 'standin-unused-'))
  try {
    const file = join(folder, 'a.json')
    const reset = () => writeFileSync(file, '{}')
    reset()
    expect(removeUnusedRecording(file, { mode: 'missing', written: [] }, true)).toBe(false)
    expect(removeUnusedRecording(file, { mode: 'all', written: [] }, false)).toBe(false)
    expect(removeUnusedRecording(file, { mode: 'all', written: [file] }, true)).toBe(false)
    expect(existsSync(file)).toBe(true)
    expect(removeUnusedRecording(file, { mode: 'all', written: [] }, true)).toBe(true)
    expect(existsSync(file)).toBe(false)
    expect(removeUnusedRecording(file, { mode: 'all', written: [] }, true)).toBe(false)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

describe('the record option', () => {
  test('STANDIN_RECORD first, then CI, then the update flag, then the option', () => {
    expect(runnerRecording('missing', {}, {}).mode).toBe('missing')
    expect(runnerRecording('missing', { update: true }, {}).mode).toBe('all')
    expect(runnerRecording('missing', { update: true }, { CI: 'true' }).mode).toBe('replay')
    expect(runnerRecording('missing', { ci: true }, {}).mode).toBe('replay')
    expect(runnerRecording(undefined, { ci: true }, { STANDIN_RECORD: 'all' }).mode).toBe('all')
    expect(runnerRecording(undefined, {}, {})).toEqual({
      perTest: true,
      mode: 'replay',
      record: { mode: 'replay' },
    })
  })

  test('record options pass through with the decided mode; false turns per-test files off', () => {
    const upstreams = { openai: 'http://127.0.0.1:1' }
    expect(runnerRecording({ mode: 'missing', upstreams, recordErrors: true }, {}, {})).toEqual({
      perTest: true,
      mode: 'missing',
      record: { mode: 'missing', upstreams, recordErrors: true },
    })
    expect(runnerRecording(false, {}, {}).perTest).toBe(false)
  })
})
