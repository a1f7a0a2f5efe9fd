/**
 * Writing recordings: whole files, atomically (a temporary file in the same folder, then a rename), so a
 * reader or a process killed mid-write never sees half a file; writes to one file are queued so two
 * recordings made at once both land; every credential the request carried is scrubbed from the text.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
// fs.promises is a lazy getter: node:fs/promises loads on the first recording, not at import (issue 15).
import { existsSync, mkdirSync, promises as fsp, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { REDACTED } from '../security/redact'
import type { FixtureEntry, FixtureFile } from '../fixtures/schema'
import { parseFixtureText } from '../fixtures/load'
import { FixtureError } from '../errors'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** Writes `text` to `file` so that the file is either what it was or all of `text`, never a part. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await fsp.mkdir(dirname(file), { recursive: true })
  // A dot name: fixture folders skip dot files, so a temporary file left by a killed process is never loaded.
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    await fsp.writeFile(temporary, text, { flag: 'wx' })
    await fsp.rename(temporary, file)
  } catch (error) {
    await fsp.unlink(temporary).catch(() => undefined)
    throw error
  }
}

/** `text` with every secret (8+ characters) replaced, as it appears in JSON text. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text
  for (const secret of secrets) {
    const inJson = JSON.stringify(secret).slice(1, -1)
    out = out.split(inJson).join(REDACTED)
  }
  return out
}

/** A fixture file's text: indented, with arrays of numbers (vectors, timings) kept on one line. */
export function fixtureFileText(entries: FixtureEntry[]): string {
  const file: FixtureFile = { fixtures: entries }
  const text = JSON.stringify(file, null, 2).replace(
    /\[\s*(-?\d[\d.eE+-]*(?:,\s*-?\d[\d.eE+-]*)*)\s*\]/g,
    (_, numbers: string) => `[${numbers.split(/,\s*/).join(', ')}]`,
  )
  return `${text}\n`
}

/**
 * One recording file and what it holds. `missing` appends to what was on disk; `all` starts it afresh,
 * so a re-recorded test's file holds only what the test sent this time.
 */
export class RecordingFile {
  readonly entries: FixtureEntry[]
  #queue: Promise<void> = Promise.resolve()
  /** Credentials of every request recorded here, scrubbed from each write. */
  readonly #secrets = new Set<string>()

  constructor(
    readonly path: string,
    fresh: boolean,
  ) {
    this.entries = fresh ? [] : readEntries(path)
  }

  /** Adds an entry and writes the file; resolves when this write (and those queued before it) landed. */
  append(entry: FixtureEntry, secrets: string[]): Promise<void> {
    this.entries.push(entry)
    for (const secret of secrets) this.#secrets.add(secret)
    const write = this.#queue.then(() =>
      writeAtomically(this.path, scrub(fixtureFileText(this.entries), this.#secrets)),
    )
    this.#queue = write.catch(() => undefined)
    return write
  }
}

/** The entries of a recording file on disk (none when it does not exist); a corrupt file throws. */
export function readEntries(path: string): FixtureEntry[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  const parsed = parseFixtureText(text, path)
  if (!parsed.ok) throw new FixtureError(parsed.issues)
  const json = JSON.parse(text.replace(/^\uFEFF/, '')) as FixtureFile | FixtureEntry[]
  return Array.isArray(json) ? json : json.fixtures
}

/**
 * The file of a recording made outside any test: `<dir>/<provider>-<first words>-<hash>.json`, named from
 * the match so that re-recording the same request replaces its file instead of adding another.
 */
export function recordingFileName(dir: string, provider: string, entry: FixtureEntry): string {
  const match = entry.match ?? {}
  const words = String(match.userMessage ?? match.inputText ?? 'request')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  const hash = nodeCrypto()
    .createHash('sha256')
    .update(`${provider}\n${JSON.stringify(match)}`)
    .digest('hex')
    .slice(0, 8)
  return join(dir, `${provider}-${words || 'request'}-${hash}.json`)
}

/** Makes sure a folder exists (recordings land in it). */
export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true })
}
