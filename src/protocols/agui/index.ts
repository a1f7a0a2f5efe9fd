/**
 * `standin/agui`: a mock AG-UI agent (RunAgentInput in, SSE events out) to mount on a mock's port, or to
 * start alone.
 * @example
 * import { createStandin } from 'standin'
 * import { createAguiServer } from 'standin/agui'
 * const agui = createAguiServer().onMessage('hello', 'Hi! How can I help?')
 * const mock = createStandin().mount('/agui', agui)
 * @module
 */
export { createAguiServer } from '../chunk'
export type {
  AguiServerOptions,
  AguiFixtureOptions,
  AguiMessagePattern,
  StandinAguiServer,
} from './agui-server'
export type {
  AguiFixture,
  AguiFixtureSpec,
  AguiMatch,
  AguiPredicate,
  AguiResponse,
  AguiRunContext,
  AguiTiming,
  AguiToolCall,
} from './fixture'
export type { AguiEvent, AguiEventType, JsonPatchOperation } from './events'
export type { AguiRunInput, AguiMessage } from './run-input'
export type { AguiFixtureEntry } from './schema'
export { AGUI_EVENT_TYPES } from './events'
