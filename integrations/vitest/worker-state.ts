/**
 * The worker's mock: started by the setup file, read by the `standin` fixtures. They are separate built
 * files (each bundles its own copy of this module), so the state is kept on `process`: one per worker
 * process or thread, and shared by the per-file contexts of the vm pools (whose module cache, and so the
 * URL an SDK client read, outlives each file).
 * @module
 */
import { applyProviderEnv, createStandin, type RunningServer, type Standin } from 'standin/internal'
import { engineOptions, envNames, type StandinVitestOptions } from './options'

export interface WorkerState {
  mock: Standin
  server: RunningServer
  options: StandinVitestOptions
  /** The shared mock's URL in mode `'shared'`. */
  sharedUrl: string | undefined
  restoreEnv: () => void
}

const KEY = Symbol.for('standin.vitest.worker')
type Holder = { [KEY]?: WorkerState }
const holder = process as unknown as Holder

export function currentWorker(): WorkerState | undefined {
  return holder[KEY]
}

/** The running worker state, or an error that says how to get one. */
export function requireWorker(): WorkerState {
  const state = currentWorker()
  if (!state) {
    throw new Error(
      "standin: no mock in this worker. Add the plugin to your Vitest config: plugins: [standin({ fixtures: './fixtures' })] (import { standin } from 'standin/vitest').",
    )
  }
  return state
}

/** Creates the mock, listens on port 0 and sets the provider variables to its URL. */
export async function startWorker(options: StandinVitestOptions, sharedUrl?: string): Promise<WorkerState> {
  const running = currentWorker()
  if (running) return running
  const mock = createStandin(engineOptions(options))
  const server = await mock.listen({ port: 0 })
  const names = envNames(options)
  const restoreEnv = names === null ? () => {} : applyProviderEnv(server.url, names)
  const state: WorkerState = { mock, server, options, sharedUrl, restoreEnv }
  holder[KEY] = state
  return state
}

/** Closes the port and restores the environment. */
export async function stopWorker(): Promise<void> {
  const state = currentWorker()
  if (!state) return
  delete holder[KEY]
  state.restoreEnv()
  await state.server.close()
}
