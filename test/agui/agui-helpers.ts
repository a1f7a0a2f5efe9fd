/**
 * An AG-UI mock mounted on a standin on port 0, `@ag-ui/client`'s HttpAgent pointed at it, and a raw
 * reader of the SSE wire (eventsource-parser).
 * @module
 */
import { HttpAgent, type HttpAgentConfig } from '@ag-ui/client'
import { createParser } from 'eventsource-parser'
import { afterAll } from 'vitest'
import {
  createAguiServer,
  createStandin,
  type AguiServerOptions,
  type Standin,
  type StandinAguiServer,
} from '../../src/internal'

export interface AguiMock {
  mock: Standin
  agui: StandinAguiServer
  url: string
  /** `${url}/agui` */
  endpoint: string
  /** An HttpAgent for the endpoint (more config merged in), with one user message added when given. */
  agent(userMessage?: string, config?: Partial<HttpAgentConfig>): HttpAgent
}

const closers: (() => Promise<void>)[] = []
let messageCount = 0
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

export async function startAguiMock(options: AguiServerOptions = {}, strict = false): Promise<AguiMock> {
  const agui = createAguiServer(options)
  const mock = createStandin({ strict }).mount('/agui', agui)
  const server = await mock.listen()
  closers.push(server.close)
  const endpoint = `${server.url}/agui`
  return {
    mock,
    agui,
    url: server.url,
    endpoint,
    agent(userMessage, config = {}) {
      const agent = new HttpAgent({ url: endpoint, ...config })
      if (userMessage !== undefined)
        agent.addMessage({ id: `user-${++messageCount}`, role: 'user', content: userMessage })
      return agent
    },
  }
}

/** A RunAgentInput with one user message (ids fixed, so tests can check the echo). */
export function runInput(text: string, extra: Record<string, unknown> = {}) {
  return {
    threadId: 'thread-1',
    runId: 'run-1',
    state: {},
    messages: [{ id: 'm1', role: 'user', content: text }],
    tools: [],
    context: [],
    forwardedProps: {},
    ...extra,
  }
}

/** POSTs a body as HttpAgent does. */
export function postRun(endpoint: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** The SSE events of a response body, each `data:` parsed as JSON. */
export async function readEvents(response: Response): Promise<Record<string, any>[]> {
  const events: Record<string, any>[] = []
  const parser = createParser({ onEvent: (event) => events.push(JSON.parse(event.data)) })
  parser.feed(await response.text())
  return events
}
