/**
 * The servers a config file describes, mounted on a mock: its `mcp`, `agui`, `a2a` and `vector` sections. Shared by
 * `standin serve --config` and `createStandin({ config })`.
 * @module
 */
// The protocol mocks load with their chunk when a config names one (src/protocols/chunk.ts).
import { createA2aServer, createAguiServer, createMcpServer } from '../protocols/chunk'
import type { MountSurface } from '../protocols/mounts/mount'
import type { LoadedConfig } from './config-file'
import { configureVector } from '../vector/install'

export function mountConfigured(
  mock: { mount(path: string, server: MountSurface): unknown },
  config: LoadedConfig,
): void {
  if (config.mcp) mock.mount(config.mcp.path, createMcpServer(config.mcp.options))
  if (config.agui) mock.mount(config.agui.path, createAguiServer(config.agui.options))
  if (config.a2a) mock.mount(config.a2a.path, createA2aServer(config.a2a.options))
  if (config.vector) configureVector(mock, config.vector)
}
