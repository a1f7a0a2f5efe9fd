/**
 * `createAguiServer()`: a mock AG-UI agent to mount on a mock's port (`mock.mount('/agui', agui)`), so an
 * agent UI under test streams fixture-driven runs with no live agent, journaled next to the LLM calls.
 * @module
 */
import { StandinError } from '../../errors'
import type { MountSurface } from '../mounts/mount'
import type { ListenOptions } from '../../transports/node-server'
import { standalone } from '../mounts/standalone'
import { DEFAULT_CHUNK_SIZE } from '../../streaming/events'
import type { AguiEvent } from './events'
import {
  compileFixture,
  type AguiFixture,
  type AguiFixtureSpec,
  type AguiMatch,
  type AguiPredicate,
  type AguiResponse,
  type AguiTiming,
} from './fixture'
import type { AguiFixtureEntry } from './schema'
import { serveRun, type AguiEndpoint } from './serve-run'

export interface AguiServerOptions {
  /** Fixtures to start with, in the config file's format. */
  fixtures?: AguiFixtureEntry[]
  /** Characters per TEXT_MESSAGE_CONTENT and TOOL_CALL_ARGS delta (default 20). */
  chunkSize?: number
  /** Names the fixtures of `options.fixtures` in the journal (default `options.fixtures`). */
  source?: string
}

/** A substring of (or regex on) the last user message; a `{regex, flags}` object works too. */
export type AguiMessagePattern = NonNullable<AguiMatch['message']>

export interface AguiFixtureOptions extends AguiTiming {
  /** Names the fixture in the journal (`toHaveServedFixture`). */
  id?: string
}

export interface StandinAguiServer extends MountSurface {
  /**
   * Answers runs whose last user message matches with an assistant text message.
   * @example agui.onMessage('hello', 'Hi! How can I help?')
   */
  onMessage(pattern: AguiMessagePattern, text: string, options?: AguiFixtureOptions): StandinAguiServer
  /**
   * Answers with a tool call for the agent UI to run (a frontend tool); with `result`, a tool the agent ran
   * itself, followed by its TOOL_CALL_RESULT.
   * @example agui.onToolCall(/weather/i, 'get_weather', { city: 'Paris' })
   */
  onToolCall(
    pattern: AguiMessagePattern,
    toolName: string,
    args?: string | Record<string, unknown>,
    options?: AguiFixtureOptions & {
      /** The tool ran on the agent side: its TOOL_CALL_RESULT content. */
      result?: string
      /** The toolCallId (default: a generated `call_` id), e.g. to match the result sent back. */
      toolCallId?: string
    },
  ): StandinAguiServer
  /**
   * Answers runs sending the result of tool call `toolCallId` (the last message is that tool result).
   * First match wins: add it before the fixture that made the call, whose message still matches.
   * @example agui.onToolResult('call_1', 'It is sunny in Paris.')
   */
  onToolResult(
    toolCallId: string,
    response: string | AguiResponse,
    options?: AguiFixtureOptions,
  ): StandinAguiServer
  /**
   * Answers runs whose state has top-level key `key` with a STATE_SNAPSHOT.
   * @example agui.onStateKey('todos', { todos: ['buy milk'] })
   */
  onStateKey(key: string, snapshot: unknown, options?: AguiFixtureOptions): StandinAguiServer
  /**
   * Answers runs whose last user message matches with these events, as written (RUN_STARTED and
   * RUN_FINISHED are added when missing and always carry the request's threadId and runId).
   */
  onRun(pattern: AguiMessagePattern, events: AguiEvent[], options?: AguiFixtureOptions): StandinAguiServer
  /** Answers runs the predicate accepts. */
  onPredicate(
    predicate: AguiPredicate,
    response: AguiEvent[] | AguiResponse,
    options?: AguiFixtureOptions,
  ): StandinAguiServer
  /**
   * Adds a fixture: a match (message, toolCallId, toolName, stateKey, predicate; all must hold) and what
   * the run answers (text, toolCalls, stateSnapshot, stateDelta, error, or events).
   * @example agui.addFixture({ match: { toolName: 'search' }, toolCalls: [{ name: 'search', arguments: { q: 'standin' } }] })
   */
  addFixture(fixture: AguiFixtureSpec): StandinAguiServer
  /** The fixtures, in matching order. */
  readonly fixtures: readonly AguiFixture[]
  /** Removes every fixture, those from options and config included. */
  clearFixtures(): void
  /**
   * Serves this agent alone, at the root of its own port; resolves to the URL. To share a port, a journal
   * and matchers with the LLM mock, mount it instead.
   */
  start(options?: ListenOptions): Promise<string>
  stop(): Promise<void>
}

/**
 * Creates a mock AG-UI agent.
 * @example
 * const agui = createAguiServer().onMessage('hello', 'Hi! How can I help?')
 * const mock = createStandin().mount('/agui', agui)
 * const { url } = await mock.listen()
 * const agent = new HttpAgent({ url: `${url}/agui` })
 * agent.addMessage({ id: '1', role: 'user', content: 'hello' })
 * await agent.runAgent()
 * @see https://docs.ag-ui.com/concepts/architecture
 */
export function createAguiServer(options: AguiServerOptions = {}): StandinAguiServer {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new StandinError('STANDIN_BAD_OPTION', `chunkSize must be a positive integer; got ${chunkSize}.`)
  }
  const endpoint: AguiEndpoint & { fixtures: AguiFixture[] } = { fixtures: [], chunkSize }
  const add = (spec: AguiFixtureSpec, source: string) => {
    endpoint.fixtures.push(compileFixture(spec, `agui#${endpoint.fixtures.length}`, source))
    return server
  }
  const pattern = (message: AguiMessagePattern) => ({ message })

  const server: StandinAguiServer = {
    kind: 'mount',
    id: 'agui',
    provider: 'agui',
    serve: (context) => serveRun(endpoint, context),
    onMessage: (message, text, opts = {}) => add({ ...opts, match: pattern(message), text }, 'onMessage()'),
    onToolCall: (message, name, args, { result, toolCallId, ...opts } = {}) =>
      add(
        { ...opts, match: pattern(message), toolCalls: [{ name, arguments: args, result, id: toolCallId }] },
        'onToolCall()',
      ),
    onToolResult: (toolCallId, response, opts = {}) =>
      add(
        { ...opts, match: { toolCallId }, ...(typeof response === 'string' ? { text: response } : response) },
        'onToolResult()',
      ),
    onStateKey: (key, snapshot, opts = {}) =>
      add({ ...opts, match: { stateKey: key }, stateSnapshot: snapshot }, 'onStateKey()'),
    onRun: (message, events, opts = {}) => add({ ...opts, match: pattern(message), events }, 'onRun()'),
    onPredicate: (predicate, response, opts = {}) =>
      add(
        { ...opts, match: { predicate }, ...(Array.isArray(response) ? { events: response } : response) },
        'onPredicate()',
      ),
    addFixture: (fixture) => add(fixture, 'addFixture()'),
    get fixtures() {
      return endpoint.fixtures
    },
    clearFixtures() {
      endpoint.fixtures.length = 0
    },
    async start(listenOptions) {
      return own.start(listenOptions)
    },
    async stop() {
      await own.stop()
    },
  }
  options.fixtures?.forEach((fixture, i) => add(fixture, `${options.source ?? 'options.fixtures'}[${i}]`))
  const own = standalone(server)
  return server
}
