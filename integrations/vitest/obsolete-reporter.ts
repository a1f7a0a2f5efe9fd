/**
 * The reporter the plugin adds: at the end of each run, the recordings no test uses, in the test files
 * that ran (as Vitest reports obsolete snapshots); removed when the run re-records (`vitest -u`,
 * `STANDIN_RECORD=all`).
 * @module
 */
import {
  findObsoleteRecordings,
  formatObsoleteRecordings,
  obsoleteCount,
  removeObsoleteRecordings,
  runnerRecording,
  type RanTestFile,
} from 'standin/internal/runners'
import type { TestModule } from 'vitest/node'
import type { Reporter, Vitest } from 'vitest/node'
import { OPTIONS_KEY, type StandinVitestOptions } from './options'

export class ObsoleteRecordingsReporter implements Reporter {
  #vitest: Vitest | undefined

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const vitest = this.#vitest
    if (!vitest) return
    const update = vitest.config.snapshotOptions.updateSnapshot === 'all'
    const found: Array<{ files: RanTestFile[]; remove: boolean }> = []
    const byProject = new Map<unknown, { options: StandinVitestOptions; files: RanTestFile[] }>()
    for (const module of testModules) {
      const options = (module.project.getProvidedContext() as unknown as Record<string, unknown>)[
        OPTIONS_KEY
      ] as StandinVitestOptions | undefined
      if (!options || options.record === false) continue
      const ran = ranTestFile(module)
      if (!ran) continue
      const entry = byProject.get(module.project) ?? { options, files: [] }
      entry.files.push(ran)
      byProject.set(module.project, entry)
    }
    for (const { options, files } of byProject.values())
      found.push({ files, remove: runnerRecording(options.record, { update }).mode === 'all' })
    for (const { files, remove } of found) {
      const obsolete = findObsoleteRecordings(files)
      if (obsoleteCount(obsolete) === 0) continue
      const failed = remove ? removeObsoleteRecordings(obsolete) : []
      const text = formatObsoleteRecordings(obsolete, {
        removed: remove,
        cwd: vitest.config.root,
        updateHint: 'Run `vitest -u` (or STANDIN_RECORD=all)',
      })
      const problems = failed.map((path) => `  could not remove ${path}`)
      // stderr: a reporter writing JSON to stdout stays readable.
      vitest.logger.error([text, ...problems].join('\n'))
    }
  }
}

/**
 * A test file whose tests were all collected: its path and every test's title path. Files that failed to
 * load (or to collect) are left out, so their recordings are never taken for obsolete.
 */
function ranTestFile(module: TestModule): RanTestFile | undefined {
  if (module.errors().length > 0) return undefined
  const titlePaths: string[][] = []
  for (const test of module.children.allTests()) {
    const path = [test.name]
    for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) path.unshift(parent.name)
    titlePaths.push(path)
  }
  if (titlePaths.length === 0) return undefined
  return { file: module.moduleId, titlePaths }
}
