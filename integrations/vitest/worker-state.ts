/**
 * The worker's mock: started by the setup file, read by the `standin` fixtures. They are separate built
 * files (each bundles its own copy of this module), so the state is kept on `process`: one per worker
 * process or thread, and shared by the per-file contexts of the vm pools (whose module cache, and so the
 * URL an SDK client read, outlives each file).
 * @module
 */
import type { RunnerRecording, RunningServer, Standin } from 'standin/internal'
import { engine } from '../engine'
import { engineOptions, envNames, type StandinVitestOptions } from './options'

export interface WorkerState {
  mock: Standin
  server: RunningServer
  options: StandinVitestOptions
  /** Per-test recordings: on or off, and the mode of this run. */
  recording: RunnerRecording
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

/**
 * Creates the mock, listens on port 0 and sets the provider variables to its URL. `update`: the run
 * updates snapshots (`vitest -u`), which re-records.
 */
export async function startWorker(
  options: StandinVitestOptions,
  sharedUrl: string | undefined,
  update: boolean,
): Promise<WorkerState> {
  const running = currentWorker()
  if (running) return running
  const { applyProviderEnv, createStandin, runnerRecording } = engine()
  const mock = createStandin(engineOptions(options, update))
  const server = await mock.listen({ port: 0 })
  const names = envNames(options)
  const restoreEnv = names === null ? () => {} : applyProviderEnv(server.url, names)
  const recording = runnerRecording(options.record, { update })
  const state: WorkerState = { mock, server, options, recording, sharedUrl, restoreEnv }
  holder[KEY] = state
  return state
}

/** Closes the port, waits for recordings still being written, and restores the environment. */
export async function stopWorker(): Promise<void> {
  const state = currentWorker()
  if (!state) return
  delete holder[KEY]
  state.restoreEnv()
  await state.server.close()
  await state.mock.recordings.flush()
}

/**
 * True when this run updates snapshots (`vitest -u`, or `u` pressed in watch mode): read from the
 * worker's own config, which Vitest rebuilds for every run, else from what the plugin provided.
 */
export function updatesSnapshots(provided: boolean | undefined): boolean {
  const worker = (globalThis as { __vitest_worker__?: { config?: WorkerConfig } }).__vitest_worker__
  const update = worker?.config?.snapshotOptions?.updateSnapshot
  return update === undefined ? provided === true : update === 'all'
}

interface WorkerConfig {
  snapshotOptions?: { updateSnapshot?: string }
}
