/**
 * The globalSetup the plugin adds. In mode `'shared'` it starts one mock in the main process for
 * processes started once (an app server launched by your own globalSetup, which runs after this one):
 * the provider variables point at it there, and tests read its URL with `inject('standin:sharedUrl')`.
 * In the default mode it does nothing, and does not load the engine (this is the main process).
 * @module
 */
import type { TestProject } from 'vitest/node'
import { engine } from '../engine'
import { engineOptions, envNames, OPTIONS_KEY, SHARED_URL_KEY, type StandinVitestOptions } from './options'

export default async function standinGlobalSetup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const options = (project.getProvidedContext() as unknown as Record<string, unknown>)[OPTIONS_KEY] as
    StandinVitestOptions | undefined
  if (options?.mode !== 'shared') return undefined
  const update = project.vitest.config.snapshotOptions.updateSnapshot === 'all'
  const { applyProviderEnv, createStandin } = engine()
  const mock = createStandin(engineOptions(options, update))
  const server = await mock.listen({ port: 0 })
  project.provide(SHARED_URL_KEY as never, server.url as never)
  const names = envNames(options)
  const restoreEnv = names === null ? () => {} : applyProviderEnv(server.url, names)
  project.onTestsRerun(() => mock.reset())
  return async () => {
    restoreEnv()
    await mock.stop()
  }
}
