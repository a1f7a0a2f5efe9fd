/**
 * Where a test's recording lives, the same way in every runner (like a snapshot file):
 * `<folder of the test file>/__recordings__/<test file name>/<title path>.json`, the title path being the
 * describe titles and the test title joined with ` › `.
 *
 * Names are portable: characters Windows refuses (`<>:"/\|?*`, control characters) become `_`, names
 * Windows reserves (`CON`, `NUL`, ...) get a `_`, a name never starts with a dot (fixture folders skip dot
 * files) nor ends with a dot or a space, and a name longer than {@link MAX_NAME_BYTES} bytes is cut and
 * ends with a hash of the whole title path. When the runner knows the file's other tests, names that would
 * land on one file (they differ only by case, or only in replaced characters) all end with their hash, and a
 * title path used twice gets ` (2)`, ` (3)`... in the order the tests are declared.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
import { basename, dirname, join } from 'node:path'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** The folder next to test files that holds their recordings (as `__snapshots__` holds snapshots). */
export const RECORDINGS_FOLDER = '__recordings__'
/** Between describe titles and the test title in a recording's file name (as Jest prints a full name). */
export const TITLE_SEPARATOR = ' › '
/** Longest file name stem, in UTF-8 bytes: file systems allow 255, and `.json`, a hash and a counter must fit. */
export const MAX_NAME_BYTES = 160

/** The folder holding the recordings of the tests in `testFile` (absolute when `testFile` is). */
export function recordingsFolderOf(testFile: string): string {
  return join(dirname(testFile), RECORDINGS_FOLDER, basename(testFile))
}

/**
 * The recording file of each test of `testFile`, in the order given. `titlePaths` should be every test of
 * the file (describe titles, then the test title), in declaration order, so that tests whose names would
 * collide get distinct files; a runner that knows only the running test passes just that one.
 */
export function recordingFilesOf(testFile: string, titlePaths: readonly (readonly string[])[]): string[] {
  const folder = recordingsFolderOf(testFile)
  const stems = titlePaths.map((path) => readableStem(path))
  // Distinct title paths whose stems are equal once case is ignored would share a file on macOS and
  // Windows (or already share one): each of them ends with its hash instead.
  const keysByStem = new Map<string, Set<string>>()
  titlePaths.forEach((path, index) => {
    const folded = stems[index]!.stem.toLowerCase()
    const keys = keysByStem.get(folded) ?? new Set<string>()
    keys.add(titleKey(path))
    keysByStem.set(folded, keys)
  })
  const seen = new Map<string, number>()
  return titlePaths.map((path, index) => {
    const { stem, cut } = stems[index]!
    const key = titleKey(path)
    const clashes = (keysByStem.get(stem.toLowerCase())?.size ?? 0) > 1
    let name = cut || clashes ? `${stem}~${titleHash(path)}` : stem
    const count = (seen.get(key) ?? 0) + 1
    seen.set(key, count)
    if (count > 1) name += ` (${count})`
    return join(folder, `${name}.json`)
  })
}

/** The recording file of one test, when the runner does not know the file's other tests. */
export function recordingFileOf(testFile: string, titlePath: readonly string[]): string {
  return recordingFilesOf(testFile, [titlePath])[0]!
}

/** A portable, readable file name stem for a title path; `cut` when it had to be shortened. */
function readableStem(titlePath: readonly string[]): { stem: string; cut: boolean } {
  let stem = titlePath
    .map((title) => title.replace(/\s+/g, ' ').trim())
    .join(TITLE_SEPARATOR)
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_')
  if (stem === '') stem = '_'
  if (stem.startsWith('.')) stem = `_${stem}`
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(stem)) stem = `${stem}_`
  let cut = false
  if (Buffer.byteLength(stem) > MAX_NAME_BYTES) {
    cut = true
    stem = cutToBytes(stem, MAX_NAME_BYTES)
  }
  stem = stem.replace(/[. ]+$/, '') || '_'
  return { stem, cut }
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let out = ''
  let size = 0
  for (const char of text) {
    const length = Buffer.byteLength(char)
    if (size + length > bytes) break
    out += char
    size += length
  }
  return out
}

function titleKey(titlePath: readonly string[]): string {
  return JSON.stringify(titlePath)
}

function titleHash(titlePath: readonly string[]): string {
  return nodeCrypto().createHash('sha256').update(titleKey(titlePath)).digest('hex').slice(0, 8)
}
