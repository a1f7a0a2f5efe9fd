/**
 * Starting a mock on port 0 with an OpenAI client pointed at it, the way users do in their tests.
 * @module
 */
import OpenAI from 'openai'
import { createStandin, type Standin, type StandinOptions } from '../../src'

export interface OpenAIMock {
  mock: Standin
  /** The server's base URL, `http://127.0.0.1:PORT`. */
  url: string
  client: OpenAI
  close(): Promise<void>
}

/** A lenient mock (unless `strict` is given) listening on port 0, and an SDK client that never retries. */
export async function startOpenAIMock(options: StandinOptions = {}): Promise<OpenAIMock> {
  const mock = createStandin({ strict: false, ...options })
  const server = await mock.listen({ port: 0 })
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
  return { mock, url: server.url, client, close: server.close }
}

/** POSTs JSON with fetch, for checks on the wire itself. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-key', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
