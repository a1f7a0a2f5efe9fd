/**
 * The `standin/agui` subpath: the AG-UI mock on its own import path, as the peer's `aimock/agui`. It re-exports
 * `standin/internal` (which the build keeps external), so both paths share one engine module and one
 * set of error classes.
 * @example
 * import { createAguiServer } from 'standin/agui'
 * @module
 */
export { createAguiServer, AGUI_EVENT_TYPES } from '../../internal'
export type {
  AguiServerOptions,
  AguiFixtureOptions,
  AguiMessagePattern,
  StandinAguiServer,
  AguiFixture,
  AguiFixtureSpec,
  AguiMatch,
  AguiPredicate,
  AguiResponse,
  AguiRunContext,
  AguiTiming,
  AguiToolCall,
  AguiEvent,
  AguiEventType,
  JsonPatchOperation,
  AguiRunInput,
  AguiMessage,
  AguiFixtureEntry,
} from '../../internal'
