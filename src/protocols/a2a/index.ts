/**
 * `standin/a2a`: mock A2A agents (JSON-RPC, protocol v1.0 and v0.3) to mount on a mock's port, or to start
 * alone.
 * @example
 * import { createStandin } from 'standin'
 * import { createA2aServer } from 'standin/a2a'
 * const a2a = createA2aServer()
 *   .registerAgent({ name: 'translator' })
 *   .onMessage('translator', 'translate', 'Translated text')
 * const mock = createStandin().mount('/a2a', a2a)
 * @module
 */
export { createA2aServer } from '../chunk'
export type { A2aServerOptions, StandinA2aServer } from './a2a-server'
export type { A2aPattern } from './agents'
export type {
  A2aAgentConfig,
  A2aAgentDefinition,
  A2aSkill,
  A2aPartInput,
  A2aArtifactInput,
  A2aStreamEvent,
} from './schema'
export type { A2aPart, A2aPartFields, A2aArtifact, A2aMessage, A2aTask, A2aTaskStatus } from './model'
export { A2A_TASK_STATES, type A2aTaskState } from './task-state'
export { A2A_PROTOCOL_VERSIONS } from './agent-card'
