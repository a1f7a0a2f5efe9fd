/**
 * Who may drive a shared server: the control API answers only its own origin and configured ones, the
 * node transport refuses a `Host` that is not loopback (DNS rebinding), and opt-in credentials (API keys
 * for provider routes and mounts, a token for the control API) are enforced through every official SDK.
 */
import Anthropic from '@anthropic-ai/sdk'
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { ApiError, GoogleGenAI } from '@google/genai'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { connect as connectHttp2 } from 'node:http2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, describe, expect, test } from 'vitest'
import {
  createMcpServer,
  createStandin,
  type RunningServer,
  type Standin,
  type StandinOptions,
} from '../../src/internal'
import { remoteControl } from '../../integrations/playwright/remote-control'
import { startCli, tempFiles } from '../cli/cli-process'

const EVIL = 'https://evil.example'
const RIGHT_KEY = 'sk-standin-right'
const WRONG_KEY = 'sk-standin-wrong'
const TOKEN = 'control-token-123'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function start(options: StandinOptions = {}): Promise<{ mock: Standin; url: string; port: number }> {
  const mock = createStandin({ strict: false, ...options })
  mock.onMessage('weather', { content: 'Sunny.' })
  const server = await mock.listen({ port: 0 })
  servers.push(server)
  return { mock, url: server.url, port: server.port }
}

const chatBody = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'weather?' }] })

/** A request with a `Host` of our choosing (fetch does not let one set it). */
function withHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => void (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the control API and other origins', () => {
  test('a page from another origin gets 403 and no CORS header on every control route, and changes nothing', async () => {
    const { mock, url } = await start()
    const attempts: [string, string][] = [
      ['GET', '/__standin/journal'],
      ['POST', '/__standin/reset'],
      ['POST', '/__standin/fixtures'],
      ['POST', '/__standin/sessions'],
      ['GET', '/_s/alice/__standin/journal'],
      ['POST', '/_s/alice/__standin/reset'],
    ]
    for (const [method, path] of attempts) {
      const reply = await fetch(`${url}${path}`, {
        method,
        headers: { origin: EVIL, 'content-type': 'text/plain' },
        body:
          method === 'POST'
            ? '{"fixtures":[{"match":{"userMessage":"x"},"response":{"content":"y"}}]}'
            : undefined,
      })
      expect(reply.status, `${method} ${path}`).toBe(403)
      expect(reply.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull()
      expect((await reply.json()).error.code).toBe('origin_not_allowed')
    }
    expect(mock.fixtures).toHaveLength(1)
  })

  test("a foreign page's preflight for a control route gets no allow headers", async () => {
    const { url } = await start()
    const preflight = await fetch(`${url}/__standin/reset`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    for (const name of ['allow-origin', 'allow-methods', 'allow-headers'])
      expect(preflight.headers.get(`access-control-${name}`)).toBeNull()
  })

  test('the same origin, a request with no Origin, and a configured origin are answered', async () => {
    const { url } = await start({ allowedOrigins: ['http://localhost:3000/'] })
    const same = await fetch(`${url}/__standin/journal`, { headers: { origin: url } })
    expect(same.status).toBe(200)
    expect((await fetch(`${url}/__standin/journal`)).status).toBe(200)
    const allowed = await fetch(`${url}/__standin/journal`, { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(allowed.headers.get('vary')).toBe('origin')
    const preflight = await fetch(`${url}/__standin/reset`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization')
  })

  test('provider routes and /health keep answering any origin, as browser apps call them directly', async () => {
    const { url } = await start()
    const chat = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json' },
      body: chatBody,
    })
    expect(chat.status).toBe(200)
    expect(chat.headers.get('access-control-allow-origin')).toBe('*')
    const health = await fetch(`${url}/health`, { headers: { origin: EVIL } })
    expect(health.status).toBe(200)
    expect(health.headers.get('access-control-allow-origin')).toBe('*')
  })

  test('a bad allowedOrigins entry fails at creation, naming it', () => {
    expect(() => createStandin({ allowedOrigins: ['localhost:3000/app'] })).toThrow(
      /allowedOrigins: "localhost:3000\/app" is not an origin/,
    )
  })
})

describe('the Host check (DNS rebinding)', () => {
  test('a loopback-bound server refuses a Host naming another machine, on every route', async () => {
    const { port } = await start()
    for (const path of ['/__standin/journal', '/v1/models', '/health']) {
      const refused = await withHost(port, path, `evil.example:${port}`)
      expect(refused.status, path).toBe(403)
      expect(JSON.parse(refused.body).error.code).toBe('host_not_allowed')
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost', `[::1]:${port}`])
      expect((await withHost(port, '/__standin/journal', host)).status, host).toBe(200)
  })

  test('over h2c too, where the host is the :authority pseudo-header', async () => {
    const { url } = await start()
    const session = connectHttp2(url)
    try {
      const statusOf = async (authority: string) => {
        const stream = session.request({ ':path': '/health', ':authority': authority })
        const [headers] = (await once(stream, 'response')) as [Record<string, unknown>]
        stream.resume()
        await once(stream, 'end')
        return headers[':status']
      }
      expect(await statusOf('evil.example')).toBe(403)
      expect(await statusOf('127.0.0.1')).toBe(200)
    } finally {
      session.close()
    }
  })

  test('bound beyond loopback, it warns (STANDIN_BIND) and accepts any Host', async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const mock = createStandin()
      const server = await mock.listen({ host: '0.0.0.0', port: 0 })
      servers.push(server)
      // The warning is emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.map((w) => (w as Error & { code?: string }).code)).toContain('STANDIN_BIND')
      expect((await withHost(server.port, '/health', 'standin.lan:4010')).status).toBe(200)
    } finally {
      process.off('warning', onWarning)
    }
  })
})

describe('inbound API keys (auth.apiKeys)', () => {
  const auth = { apiKeys: [RIGHT_KEY] }

  test('OpenAI SDK (Authorization: Bearer): the right key is served, a wrong one gets 401 invalid_api_key', async () => {
    const { url } = await start({ auth })
    const client = (apiKey: string) => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 })
    const ok = await client(RIGHT_KEY).chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
    })
    expect(ok.choices[0]!.message.content).toBe('Sunny.')
    const refused = await client(WRONG_KEY)
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'weather?' }] })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError)
    expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key')
    expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).headers.get('www-authenticate')).toBe(
      'Bearer realm="standin"',
    )
  })

  test("Anthropic SDK (x-api-key): a wrong key gets Anthropic's authentication_error", async () => {
    const { url } = await start({ auth })
    const client = (apiKey: string) => new Anthropic({ baseURL: url, apiKey, maxRetries: 0 })
    const params = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user' as const, content: 'weather?' }],
    }
    const ok = await client(RIGHT_KEY).messages.create(params)
    expect(ok.content[0]).toMatchObject({ type: 'text', text: 'Sunny.' })
    const refused = await client(WRONG_KEY)
      .messages.create(params)
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(Anthropic.AuthenticationError)
    expect((refused as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    })
  })

  test("@google/genai (x-goog-api-key) and raw ?key=: a wrong key gets Google's UNAUTHENTICATED", async () => {
    const { url } = await start({ auth })
    const ai = (apiKey: string) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: url } })
    const ok = await ai(RIGHT_KEY).models.generateContent({ model: 'gemini-2.5-flash', contents: 'weather?' })
    expect(ok.text).toBe('Sunny.')
    const refused = await ai(WRONG_KEY)
      .models.generateContent({ model: 'gemini-2.5-flash', contents: 'weather?' })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(401)
    expect((refused as ApiError).message).toContain('UNAUTHENTICATED')
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'weather?' }] }] })
    const generate = (key: string) =>
      fetch(`${url}/v1beta/models/gemini-2.5-flash:generateContent?key=${key}`, { method: 'POST', body })
    expect((await generate(RIGHT_KEY)).status).toBe(200)
    expect((await generate(WRONG_KEY)).status).toBe(401)
  })

  test('Bedrock (SigV4): a configured key matches the access key id; another id gets 401', async () => {
    const { url } = await start({ auth })
    const converse = async (accessKeyId: string) => {
      const client = new BedrockRuntimeClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey: 'any-secret' },
        maxAttempts: 1,
      })
      try {
        return await client.send(
          new ConverseCommand({
            modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
            messages: [{ role: 'user', content: [{ text: 'weather?' }] }],
          }),
        )
      } finally {
        client.destroy()
      }
    }
    expect((await converse(RIGHT_KEY)).output?.message?.content?.[0]?.text).toBe('Sunny.')
    const refused = (await converse(WRONG_KEY).catch((error: unknown) => error)) as {
      $metadata?: { httpStatusCode?: number }
      message?: string
      name?: string
    }
    expect(refused.$metadata?.httpStatusCode).toBe(401)
    expect(refused.name).toBe('UnrecognizedClientException')
    expect(refused.message).toContain('Incorrect API key')
  })

  test('no key, and a right key next to a wrong one, are refused; the reply never echoes a key', async () => {
    const { url } = await start({ auth })
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: chatBody,
      })
    const missing = await post({})
    expect(missing.status).toBe(401)
    expect((await missing.json()).error).toMatchObject({
      code: 'invalid_api_key',
      message: /requires an API key/,
    })
    const mixed = await post({ authorization: `Bearer ${RIGHT_KEY}`, 'x-api-key': WRONG_KEY })
    expect(mixed.status).toBe(401)
    expect(await mixed.text()).not.toContain(WRONG_KEY)
    expect((await post({ 'api-key': RIGHT_KEY })).status).toBe(200)
  })

  test('a mount (MCP, through its SDK) requires the key too', async () => {
    const { mock, url } = await start({ auth })
    mock.mount(
      '/mcp',
      createMcpServer().onToolCall('lookup_order', () => 'shipped'),
    )
    const connect = async (key: string) => {
      const client = new Client({ name: 'auth-test', version: '1.0.0' })
      const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      })
      await client.connect(transport)
      return client
    }
    const client = await connect(RIGHT_KEY)
    try {
      const result = await client.callTool({ name: 'lookup_order', arguments: {} })
      expect(result.content).toEqual([{ type: 'text', text: 'shipped' }])
    } finally {
      await client.close()
    }
    await expect(connect(WRONG_KEY)).rejects.toMatchObject({
      code: 401,
      message: expect.stringContaining('Incorrect API key'),
    })
  })

  test('/health, /ready and CORS preflights stay public', async () => {
    const { url } = await start({ auth })
    expect((await fetch(`${url}/health`)).status).toBe(200)
    expect((await fetch(`${url}/ready`)).status).toBe(200)
    const preflight = await fetch(`${url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
  })

  test("the config file's auth section is enforced", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-auth-'))
    const config = join(dir, 'aimock.json')
    writeFileSync(config, JSON.stringify({ auth: { apiKeys: [RIGHT_KEY] } }))
    const { url } = await start({ config })
    const post = (key: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: chatBody,
      })
    expect((await post(WRONG_KEY)).status).toBe(401)
    expect((await post(RIGHT_KEY)).status).toBe(200)
  })
})

describe('the control token (auth.controlToken)', () => {
  test('the control API needs it, as a Bearer token or x-standin-token; an API key does not open it', async () => {
    const { url } = await start({ auth: { apiKeys: [RIGHT_KEY], controlToken: TOKEN } })
    const journal = (headers: Record<string, string> = {}) => fetch(`${url}/__standin/journal`, { headers })
    const missing = await journal()
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="standin"')
    expect((await missing.json()).error.code).toBe('invalid_control_token')
    expect((await journal({ 'x-standin-token': 'wrong' })).status).toBe(401)
    expect((await journal({ authorization: `Bearer ${RIGHT_KEY}` })).status).toBe(401)
    expect((await journal({ 'x-standin-token': TOKEN })).status).toBe(200)
    expect((await journal({ authorization: `Bearer ${TOKEN}` })).status).toBe(200)
    const sessionReset = await fetch(`${url}/_s/alice/__standin/reset`, { method: 'POST' })
    expect(sessionReset.status).toBe(401)
    expect((await fetch(`${url}/health`)).status).toBe(200)
    expect((await fetch(`${url}/_s/alice/health`)).status).toBe(200)
  })
})

describe("Playwright's shared mode with a control token", () => {
  test('the workers send STANDIN_CONTROL_TOKEN from their environment', async () => {
    const { url } = await start({ auth: { controlToken: TOKEN } })
    await expect(remoteControl(url)).rejects.toThrow(/answered 401/)
    process.env.STANDIN_CONTROL_TOKEN = TOKEN
    try {
      const session = await (await remoteControl(url)).open('worker-1')
      await session.on({ userMessage: 'hi' }, { content: 'Hello' })
      expect(await session.journal()).toEqual([])
      await session.close()
    } finally {
      delete process.env.STANDIN_CONTROL_TOKEN
    }
  })
})

describe('standin serve', () => {
  const weather = { fixtures: [{ match: { userMessage: 'weather' }, response: { content: 'Sunny.' } }] }
  const chat = (url: string, headers: Record<string, string>) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: chatBody,
    })

  test('--api-key, --control-token and --allow-origin are enforced and reported', async () => {
    const dir = tempFiles({ 'weather.json': weather })
    const served = await startCli([
      'serve',
      join(dir, 'weather.json'),
      '--api-key',
      RIGHT_KEY,
      '--api-key',
      'sk-second',
      '--control-token',
      TOKEN,
      '--allow-origin',
      'http://localhost:3000',
    ])
    await served.waitForStdout(/Press Ctrl\+C to stop/)
    const report = served.stdout()
    expect(report).toContain('require one of 2 API keys')
    expect(report).toContain('the control API requires the control token')
    expect((await chat(served.url, { authorization: `Bearer ${WRONG_KEY}` })).status).toBe(401)
    expect((await chat(served.url, { authorization: 'Bearer sk-second' })).status).toBe(200)
    expect((await fetch(`${served.url}/__standin/journal`)).status).toBe(401)
    const allowed = await fetch(`${served.url}/__standin/journal`, {
      headers: { 'x-standin-token': TOKEN, origin: 'http://localhost:3000' },
    })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(await served.stop()).toBe(0)
  })

  test("STANDIN_API_KEYS (or the seed's AIMOCK_API_KEYS) sets the keys, and --headers-timeout closes idle sockets", async () => {
    const dir = tempFiles({ 'weather.json': weather })
    const served = await startCli(['serve', join(dir, 'weather.json'), '--headers-timeout', '150'], {
      env: { STANDIN_API_KEYS: undefined, AIMOCK_API_KEYS: `other,${RIGHT_KEY}` },
    })
    expect((await chat(served.url, {})).status).toBe(401)
    expect((await chat(served.url, { 'x-api-key': RIGHT_KEY })).status).toBe(200)
    const idle = connect(Number(new URL(served.url).port), '127.0.0.1')
    idle.on('error', () => {})
    await once(idle, 'close')
    expect(await served.stop()).toBe(0)
  })
})
