/**
 * A protocol server on a port of its own (`createMcpServer().start()`): an engine with the server mounted
 * at the root. Built from the engine and the node transport directly, not from `createStandin`, so the
 * protocol servers (which the config file mounts) never import the mock that imports them.
 * @module
 */
import { Engine } from '../../engine/engine'
import { listen, type ListenOptions, type RunningServer } from '../../transports/node-server'
import type { MountSurface } from './mount'

export interface Standalone {
  /** Listens (port 0 unless given) and resolves to the URL; a second call returns the same URL. */
  start(options?: ListenOptions): Promise<string>
  stop(): Promise<void>
}

export function standalone(surface: MountSurface): Standalone {
  let engine: Engine | undefined
  let running: Promise<RunningServer> | undefined
  return {
    async start(options) {
      if (!engine) {
        engine = new Engine()
        engine.mounts.add('/', surface)
      }
      const mounted = engine
      running ??= listen((incoming) => mounted.dispatch(incoming), options)
      return (await running).url
    },
    async stop() {
      const server = running
      running = undefined
      await (await server)?.close()
    },
  }
}
