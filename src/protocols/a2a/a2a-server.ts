/**
 * `createA2aServer()`: mock A2A agents to mount on a mock's port (`mock.mount('/a2a', a2a)`), so the LLM,
 * the MCP tools and the agents an app delegates to share one port, one journal and one set of matchers.
 * @module
 */
import type { MountSurface } from '../mounts/mount'
import type { ListenOptions } from '../../transports/node-server'
import { standalone } from '../mounts/standalone'
import { AgentRegistry, parseDefinition, type A2aPattern, type AgentAnswer } from './agents'
import {
  type A2aAgentConfig,
  type A2aAgentDefinition,
  type A2aArtifactInput,
  type A2aPartInput,
  type A2aStreamEvent,
  a2aSchemas,
} from './schema'
import { CARD_FILES, serveA2a, type A2aEndpoint } from './serve-a2a'

export interface A2aServerOptions {
  /** Agents to start with, each with its fixtures, in the config file's format. */
  agents?: A2aAgentConfig[]
}

export interface StandinA2aServer extends MountSurface {
  /**
   * Offers an agent: its card at `<mount>/<name>/.well-known/agent-card.json`, its JSON-RPC endpoint at
   * `<mount>/<name>`. The first agent registered is also served at the mount point and the root card.
   * @example a2a.registerAgent({ name: 'translator', skills: [{ id: 'translate', name: 'Translate' }] })
   */
  registerAgent(definition: A2aAgentDefinition): StandinA2aServer
  /**
   * Answers a message sent to `agent` whose text matches `pattern` with an agent message.
   * @example a2a.onMessage('translator', /bonjour/i, 'Hello')
   */
  onMessage(agent: string, pattern: A2aPattern, parts: string | A2aPartInput[]): StandinA2aServer
  /**
   * Answers with a task that completes holding `artifacts` (text stands for one text artifact).
   * @example a2a.onTask('researcher', 'report', [{ name: 'report', parts: [{ text: '# Findings' }] }])
   */
  onTask(agent: string, pattern: A2aPattern, artifacts: string | A2aArtifactInput[]): StandinA2aServer
  /**
   * Answers with a task that plays `events`, `delayMs` apart: status changes (`working`, or
   * `TASK_STATE_WORKING`) and artifact chunks. It completes after the last event unless one ended it.
   * `message/stream` tries these before the agent's other fixtures.
   * @example
   * a2a.onStreamingTask('researcher', 'deep', [
   *   { type: 'status', state: 'working' },
   *   { type: 'artifact', name: 'report', parts: [{ text: 'part one' }] },
   *   { type: 'artifact', name: 'report', parts: [{ text: ', part two' }], append: true, lastChunk: true },
   * ], 50)
   */
  onStreamingTask(
    agent: string,
    pattern: A2aPattern,
    events: A2aStreamEvent[],
    delayMs?: number,
  ): StandinA2aServer
  /** The agents offered, in the order registered. */
  readonly agentNames: string[]
  /**
   * Serves these agents alone, at the root of their own port (the seed's `a2a.start()`): the first
   * agent's card at `<url>/.well-known/agent-card.json`. Resolves to the URL.
   */
  start(options?: ListenOptions): Promise<string>
  stop(): Promise<void>
}

/**
 * Creates mock A2A agents, speaking A2A v1.0 (`SendMessage`…) and v0.3 (`message/send`…) on one endpoint.
 * @example
 * const a2a = createA2aServer()
 *   .registerAgent({ name: 'translator', description: 'Translates text' })
 *   .onMessage('translator', 'translate', 'Translated text')
 * const mock = createStandin().mount('/a2a', a2a)
 * const { url } = await mock.listen()
 * const client = await new ClientFactory().createFromUrl(url) // the root card: the first agent
 * @see https://a2a-protocol.org/v1.0.0/specification/
 */
export function createA2aServer(options: A2aServerOptions = {}): StandinA2aServer {
  const registry = new AgentRegistry()
  const endpoint: A2aEndpoint = { id: 'a2a', provider: 'a2a', registry }

  const server: StandinA2aServer = {
    kind: 'mount',
    id: endpoint.id,
    provider: endpoint.provider,
    rootPaths: CARD_FILES.map((file) => `/.well-known/${file}`),
    serve: (context) => serveA2a(endpoint, context),
    registerAgent(definition) {
      registry.register(definition, 'registerAgent()')
      return server
    },
    onMessage(agent, pattern, parts) {
      const source = `onMessage("${agent}")`
      const answer: AgentAnswer = {
        kind: 'message',
        parts: parseDefinition(a2aSchemas().partsSchema, parts, source),
      }
      registry.add(agent, { pattern, answer, streaming: false, source })
      return server
    },
    onTask(agent, pattern, artifacts) {
      const source = `onTask("${agent}")`
      const parsed = parseDefinition(a2aSchemas().artifactsSchema, artifacts, source)
      registry.add(agent, { pattern, answer: taskAnswer(parsed), streaming: false, source })
      return server
    },
    onStreamingTask(agent, pattern, events, delayMs = 0) {
      const source = `onStreamingTask("${agent}")`
      const answer: AgentAnswer = {
        kind: 'task',
        events: parseDefinition(a2aSchemas().streamEventsSchema, events, source),
        delayMs,
      }
      registry.add(agent, { pattern, answer, streaming: true, source })
      return server
    },
    get agentNames() {
      return [...registry.agents.keys()]
    },
    async start(listenOptions) {
      return own.start(listenOptions)
    },
    async stop() {
      await own.stop()
    },
  }
  options.agents?.forEach((agent, index) => addAgent(registry, agent, `options.agents[${index}]`))
  const own = standalone(server)
  return server
}

/** An agent in the config format: its definition, then its messages, tasks and streaming tasks in order. */
function addAgent(registry: AgentRegistry, config: A2aAgentConfig, source: string): void {
  const {
    messages = [],
    tasks = [],
    streamingTasks = [],
    ...definition
  } = parseDefinition(a2aSchemas().agentConfigSchema, config, source)
  const { name } = registry.register(definition, source).definition
  messages.forEach(({ pattern, parts }, i) => {
    const answer: AgentAnswer = { kind: 'message', parts }
    registry.add(name, { pattern, answer, streaming: false, source: `${source}.messages[${i}]` })
  })
  tasks.forEach(({ pattern, artifacts }, i) => {
    registry.add(name, {
      pattern,
      answer: taskAnswer(artifacts),
      streaming: false,
      source: `${source}.tasks[${i}]`,
    })
  })
  streamingTasks.forEach(({ pattern, events, delayMs = 0 }, i) => {
    const answer: AgentAnswer = { kind: 'task', events, delayMs }
    registry.add(name, { pattern, answer, streaming: true, source: `${source}.streamingTasks[${i}]` })
  })
}

/** A task fixture: each artifact whole (its last chunk), then the task completes. */
function taskAnswer(
  artifacts: ReturnType<ReturnType<typeof a2aSchemas>['artifactsSchema']['parse']>,
): AgentAnswer {
  const events = artifacts.map((artifact) => ({ type: 'artifact' as const, ...artifact, lastChunk: true }))
  return { kind: 'task', events, delayMs: 0 }
}
