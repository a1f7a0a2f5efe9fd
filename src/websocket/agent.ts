/**
 * An agent for clients that always dial `wss:` (or `https:`) but must reach the mock's plain port.
 * @module
 */
import type { Agent } from 'node:https'
import type { Socket } from 'node:net'
import { lazyRequire } from '../core/lazy-require'

// Loaded by the first call: node:https costs several ms at import and most mocks never need an agent.
const https = lazyRequire<typeof import('node:https')>('node:https')
const net = lazyRequire<typeof import('node:net')>('node:net')

/**
 * An `https.Agent` whose every connection is a plain TCP socket to the mock at `url`: give it to a client
 * that always dials `wss:`, such as the openai SDK's Realtime client
 * (`new OpenAIRealtimeWS({ model, options: { agent: standinAgent(mock.url) } }, client)`). An agent (not a
 * request's `createConnection`) is what the live-call guard and MSW's interceptors honour too.
 * @example
 * const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { agent: standinAgent(url) } }, client)
 */
export function standinAgent(url: string | URL): Agent {
  const { hostname, port, protocol } = new URL(url)
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  const agent = new (https().Agent)()
  agent.createConnection = (): Socket =>
    net().connect(Number(port) || (protocol === 'https:' ? 443 : 80), host)
  return agent
}
