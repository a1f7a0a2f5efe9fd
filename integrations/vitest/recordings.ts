/**
 * Per-test recordings in Vitest: each test replays (and records into) its own file,
 * `__recordings__/<test file name>/<title path>.json` beside the test file.
 * @module
 */
import type { StandinSession } from 'standin/internal'
import { engine } from '../engine'
import type { RunnerTask, RunnerTestCase, RunnerTestFile } from 'vitest'
import type { WorkerState } from './worker-state'

/** Each test of a file (suites unfolded, in declaration order) with its describe titles and title. */
export function testsOf(file: RunnerTestFile): Array<{ id: string; titlePath: string[] }> {
  const out: Array<{ id: string; titlePath: string[] }> = []
  const walk = (tasks: RunnerTask[], parents: string[]) => {
    for (const task of tasks) {
      if (task.type === 'suite') walk(task.tasks, [...parents, task.name])
      else out.push({ id: task.id, titlePath: [...parents, task.name] })
    }
  }
  walk(file.tasks, [])
  return out
}

/** Recording files by test id, per test file (a file's tests are known once it is collected). */
const filesByTest = new WeakMap<RunnerTestFile, Map<string, string>>()

/** The recording file of a test. */
export function recordingFileOfTest(task: RunnerTestCase): string {
  const file = task.file
  let byId = filesByTest.get(file)
  if (!byId) {
    const tests = testsOf(file)
    const paths = engine().recordingFilesOf(
      file.filepath,
      tests.map((test) => test.titlePath),
    )
    byId = new Map(tests.map((test, index) => [test.id, paths[index]!]))
    filesByTest.set(file, byId)
  }
  return byId.get(task.id) ?? engine().recordingFilesOf(file.filepath, [[task.name]])[0]!
}

/** Gives the test's session its recording file (replayed now, written only if something is recorded). */
export function useTestRecording(
  state: WorkerState,
  session: StandinSession,
  task: RunnerTestCase,
): string | undefined {
  if (!state.recording.perTest || !recordingsNeeded(state, task.file)) return undefined
  return session.useRecording(recordingFileOfTest(task)).file
}

/** Whether a test file's tests need their recording files, looked up once per file (see `testRecordingsNeeded`). */
const neededByFile = new WeakMap<RunnerTestFile, boolean>()

function recordingsNeeded(state: WorkerState, file: RunnerTestFile): boolean {
  let needed = neededByFile.get(file)
  if (needed === undefined) {
    needed = engine().testRecordingsNeeded(state.recording.mode, file.filepath)
    neededByFile.set(file, needed)
  }
  return needed
}

/** After a test, its recordings flushed: see `removeUnusedRecording`. */
export function finishTestRecording(state: WorkerState, file: string | undefined, passed: boolean): void {
  // No file, nothing to remove (and `recordings` copies the lists it returns: not read for nothing).
  if (file !== undefined) engine().removeUnusedRecording(file, state.mock.recordings, passed)
}
