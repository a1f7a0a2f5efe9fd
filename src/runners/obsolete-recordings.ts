/**
 * Obsolete recordings, found at the end of a run the way runners find obsolete snapshots: in the
 * `__recordings__` folders of the test files that ran, the files no test of their file names (a test that
 * was renamed or removed), and the folders of test files that no longer exist. A test that was collected
 * but skipped or filtered out keeps its recording, as it keeps its snapshots.
 * @module
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { RECORDINGS_FOLDER, recordingFilesOf, recordingsFolderOf } from './recording-files'

/** A test file that ran: its path and the title path of every test collected in it. */
export interface RanTestFile {
  file: string
  titlePaths: readonly (readonly string[])[]
}

export interface ObsoleteRecordings {
  /** Recording files no test of their (still existing) test file names. */
  files: string[]
  /** `__recordings__/<name>` folders whose test file `<name>` is gone. */
  folders: string[]
}

/** Looks through the recordings folders of `ran`; reads the disk, changes nothing. */
export function findObsoleteRecordings(ran: readonly RanTestFile[]): ObsoleteRecordings {
  const files: string[] = []
  const folders = new Set<string>()
  const roots = new Set<string>()
  for (const { file, titlePaths } of ran) {
    roots.add(join(dirname(file), RECORDINGS_FOLDER))
    const folder = recordingsFolderOf(file)
    const names = listJson(folder)
    // Most test files have no recordings: their tests' file names (a hash each) are not worth working out.
    if (names.length === 0) continue
    const expected = new Set(recordingFilesOf(file, titlePaths))
    for (const name of names) {
      const path = join(folder, name)
      if (!expected.has(path)) files.push(path)
    }
  }
  for (const root of roots) {
    for (const name of listFolders(root)) {
      if (!existsSync(join(dirname(root), name))) folders.add(join(root, name))
    }
  }
  return { files: files.sort(), folders: [...folders].sort() }
}

export function obsoleteCount(obsolete: ObsoleteRecordings): number {
  return obsolete.files.length + obsolete.folders.length
}

/** Deletes them, then any recordings folder left empty. Returns what could not be deleted. */
export function removeObsoleteRecordings(obsolete: ObsoleteRecordings): string[] {
  const failed: string[] = []
  const parents = new Set<string>()
  for (const path of [...obsolete.files, ...obsolete.folders]) {
    try {
      rmSync(path, { recursive: true, force: true })
      parents.add(dirname(path))
    } catch {
      failed.push(path)
    }
  }
  for (const folder of parents) {
    removeIfEmpty(folder)
    if (basename(dirname(folder)) === RECORDINGS_FOLDER) removeIfEmpty(dirname(folder))
    else if (basename(folder) === RECORDINGS_FOLDER) removeIfEmpty(folder)
  }
  return failed
}

/**
 * The end-of-run summary, paths relative to `cwd`: what is obsolete and how to remove it, or what was
 * removed. Empty when nothing is obsolete.
 */
export function formatObsoleteRecordings(
  obsolete: ObsoleteRecordings,
  options: { removed: boolean; cwd?: string; updateHint?: string },
): string {
  const count = obsoleteCount(obsolete)
  if (count === 0) return ''
  const cwd = options.cwd ?? process.cwd()
  const show = (path: string) => relative(cwd, path) || path
  const [noun, them] = count === 1 ? ['recording', 'it'] : ['recordings', 'them']
  const hint = options.updateHint ?? 'Re-run with STANDIN_RECORD=all'
  const head = options.removed
    ? `standin: removed ${count} obsolete ${noun}:`
    : `standin: ${count} obsolete ${noun} (no test uses ${them}). ${hint} to remove ${them}:`
  const lines = [
    ...obsolete.files.map((path) => `  ↳ ${show(path)}`),
    ...obsolete.folders.map((path) => `  ↳ ${show(path)}/ (its test file is gone)`),
  ]
  return [head, ...lines].join('\n')
}

function listJson(folder: string): string[] {
  return readNames(folder).filter((name) => name.endsWith('.json') && !name.startsWith('.'))
}

function listFolders(folder: string): string[] {
  return readNames(folder).filter((name) => {
    try {
      return statSync(join(folder, name)).isDirectory()
    } catch {
      return false
    }
  })
}

function readNames(folder: string): string[] {
  try {
    return readdirSync(folder)
  } catch {
    return []
  }
}

function removeIfEmpty(folder: string): void {
  if (readNames(folder).length === 0 && existsSync(folder)) rmSync(folder, { recursive: true, force: true })
}

/**
 * After a test, its recordings flushed: when re-recording (`all`), a test that passed without recording
 * anything no longer needs the file it had, so it is removed (as an update run removes a snapshot no
 * assertion wrote). Returns true when it removed the file.
 */
export function removeUnusedRecording(
  file: string | undefined,
  recordings: { mode: string; written: readonly string[] },
  passed: boolean,
): boolean {
  if (!file || !passed || recordings.mode !== 'all') return false
  if (recordings.written.includes(file) || !existsSync(file)) return false
  rmSync(file, { force: true })
  return true
}
