/**
 * The `standin/a2a` subpath: the A2A mock on its own import path, as the seed's `aimock/a2a`. It re-exports `standin/internal`
 * (which the build keeps external), so both paths share one engine module and one set of
 * error classes.
 * @example
 * import { createA2aServer } from 'standin/a2a'
 * @module
 */
export { createA2aServer, A2A_TASK_STATES, A2A_PROTOCOL_VERSIONS } from '../../internal'
export type {
  A2aServerOptions,
  StandinA2aServer,
  A2aPattern,
  A2aAgentConfig,
  A2aAgentDefinition,
  A2aSkill,
  A2aPartInput,
  A2aArtifactInput,
  A2aStreamEvent,
  A2aPart,
  A2aPartFields,
  A2aArtifact,
  A2aMessage,
  A2aTask,
  A2aTaskStatus,
  A2aTaskState,
} from '../../internal'
