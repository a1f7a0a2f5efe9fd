/**
 * The guard given a synchronous loader (as the Vitest and Jest setups give it) loads `@mswjs/interceptors`
 * only when it needs them: requests to the mock's own host leave them unloaded, the first request to a
 * provider host loads them and is blocked like any later one (fetch and node:https), an interceptor applied
 * after the guard (MSW's) joins it, and dispose puts the originals back. Told that modules load through
 * this realm's `require` (Jest), it wraps node:https as it is first required when not loaded yet.
 */
import http from 'node:http'
import https from 'node:https'
import Module, { createRequire } from 'node:module'
import path from 'node:path'
import { FetchInterceptor } from '@mswjs/interceptors/fetch'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src/index'
import {
  ALLOW_LIVE_CALLS_WORDS,
  installLiveCallGuard,
  type InterceptorModules,
  type LiveCallGuard,
} from '../../integrations/live-guard'

const require = createRequire(import.meta.url)
let loads = 0
const loadSync = (): InterceptorModules => {
  loads++
  return [require('@mswjs/interceptors/ClientRequest'), require('@mswjs/interceptors/fetch')]
}

const originals = {
  fetch: globalThis.fetch,
  request: http.request,
  get: http.get,
  httpsRequest: https.request,
  httpsGet: https.get,
  ClientRequest: http.ClientRequest,
}

let mock: Standin
let url: string
let guard: LiveCallGuard | undefined

beforeAll(async () => {
  mock = createStandin()
  mock.on({ userMessage: 'hi' }, { content: 'from the mock' })
  url = await mock.start()
})
afterAll(() => mock.stop())
afterEach(() => {
  guard?.dispose()
  guard = undefined
  loads = 0
})

async function install(httpsWhenRequired?: boolean): Promise<LiveCallGuard> {
  guard = await installLiveCallGuard({
    mode: 'fail',
    words: ALLOW_LIVE_CALLS_WORDS,
    loadSync,
    httpsWhenRequired,
  })
  return guard
}

/** `Module._load`, as the guard may hook it. */
const modules = Module as unknown as { _load: unknown }
const originalLoad = modules._load

/** Installs the Jest realm's guard while `process.moduleLoadList` says node:https is not loaded yet. */
async function installBeforeHttps(): Promise<LiveCallGuard> {
  const descriptor = Object.getOwnPropertyDescriptor(process, 'moduleLoadList')!
  const list = descriptor.value as string[]
  Object.defineProperty(process, 'moduleLoadList', {
    ...descriptor,
    value: list.filter((entry) => entry !== 'NativeModule https'),
  })
  try {
    return await install(true)
  } finally {
    Object.defineProperty(process, 'moduleLoadList', descriptor)
  }
}

function get(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = target.startsWith('https:') ? https : http
    client
      .get(target, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      .once('error', reject)
  })
}

const ask = (baseURL: string) =>
  new OpenAI({ baseURL, apiKey: 'sk-test', maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hi' }],
  })

test('requests to the mock leave the interceptors unloaded', async () => {
  const guard = await install()
  guard.begin({ name: 'local' })
  const completion = await ask(`${url}/v1`)
  expect(completion.choices[0]?.message.content).toBe('from the mock')
  expect(await get(`${url}/v1/models`)).toBe(200)
  const request = new http.ClientRequest(`${url}/v1/models`)
  const status = await new Promise<number>((resolve, reject) => {
    request.once('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    request.once('error', reject).end()
  })
  expect(status).toBe(200)
  expect(guard.end()).toBeUndefined()
  expect(loads).toBe(0)
  // Still the guard's getter (reading it would load them): no interceptor runs.
  const entry = Object.getOwnPropertyDescriptor(globalThis, Symbol.for('fetch-interceptor'))
  expect(entry?.get).toBeTypeOf('function')
})

test('the first call to a provider host loads them and is blocked, over fetch and node:https', async () => {
  const guard = await install()
  guard.begin({ name: 'live' })
  // A client built before the load keeps the fetch it read then: its calls are caught too.
  const early = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test', maxRetries: 0 })
  await expect(
    early.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  ).rejects.toThrow(/standin blocked a live call to api\.openai\.com/)
  expect(loads).toBe(1)
  expect(await get('https://api.anthropic.com/v1/models')).toBe(403)
  // A host name in another case is the same host.
  expect(await get('https://API.Mistral.AI/v1/models')).toBe(403)
  const error = guard.end()
  expect(error?.message).toContain('POST https://api.openai.com/v1/chat/completions (fetch)')
  expect(error?.message).toContain('GET https://api.anthropic.com/v1/models (node:http)')
  expect(error?.message).toContain('GET https://api.mistral.ai/v1/models (node:http)')
  expect(loads).toBe(1)
  // Loaded, requests to the mock still pass.
  guard.begin({ name: 'local after' })
  expect((await ask(`${url}/v1`)).choices[0]?.message.content).toBe('from the mock')
  expect(guard.end()).toBeUndefined()
})

test('an interceptor applied after the guard (as MSW does) loads it and joins it', async () => {
  const guard = await install()
  const msw = new FetchInterceptor()
  msw.apply()
  expect(loads).toBe(1)
  // Joined, not owning: the registry names the guard's instance.
  expect(Reflect.get(globalThis, Symbol.for('fetch-interceptor'))).not.toBe(msw)
  msw.on('request', ({ request, controller }) => {
    if (new URL(request.url).host === 'api.openai.com') controller.respondWith(Response.json({ from: 'msw' }))
  })
  guard.begin({ name: 'msw' })
  const answered = await fetch('https://api.openai.com/v1/models')
  expect(await answered.json()).toEqual({ from: 'msw' })
  expect((await fetch('https://api.groq.com/openai/v1/models')).status).toBe(403)
  expect(guard.end()?.message).toContain('api.groq.com')
  msw.dispose()
})

test('dispose puts every original back, loaded or not', async () => {
  await install()
  expect(globalThis.fetch).not.toBe(originals.fetch)
  expect(http.request).not.toBe(originals.request)
  guard!.dispose()
  guard = undefined
  expect(globalThis.fetch).toBe(originals.fetch)
  expect(http.request).toBe(originals.request)
  expect(http.get).toBe(originals.get)
  expect(https.request).toBe(originals.httpsRequest)
  expect(https.get).toBe(originals.httpsGet)
  expect(http.ClientRequest).toBe(originals.ClientRequest)
  expect(Object.getOwnPropertySymbols(globalThis)).not.toContain(Symbol.for('fetch-interceptor'))

  const loaded = await install()
  loaded.begin({ name: 'load' })
  expect(await get('https://api.openai.com/v1/models')).toBe(403)
  loaded.end()
  expect(loads).toBe(1)
  loaded.dispose()
  guard = undefined
  expect(globalThis.fetch).toBe(originals.fetch)
  expect(http.request).toBe(originals.request)
  expect(https.request).toBe(originals.httpsRequest)
  expect(http.ClientRequest).toBe(originals.ClientRequest)
})

test('an entry point it cannot wrap (fetch behind a getter) makes it load the interceptors at once', async () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch')!
  Object.defineProperty(globalThis, 'fetch', {
    configurable: true,
    enumerable: true,
    get: () => originals.fetch,
  })
  try {
    const guard = await install()
    expect(loads).toBe(1)
    guard.begin({ name: 'getter' })
    expect((await fetch('https://api.openai.com/v1/models')).status).toBe(403)
    expect(guard.end()?.message).toContain('GET https://api.openai.com/v1/models (fetch)')
  } finally {
    guard?.dispose()
    guard = undefined
    Object.defineProperty(globalThis, 'fetch', descriptor)
  }
  expect(http.request).toBe(originals.request)
})

test('told modules load through this realm (Jest), it wraps node:https as it is first required', async () => {
  const guard = await installBeforeHttps()
  expect(http.request).not.toBe(originals.request)
  expect(https.request).toBe(originals.httpsRequest)
  expect(modules._load).not.toBe(originalLoad)
  // Every other require passes through the hook untouched.
  expect(require('node:path')).toBe(path)
  expect(https.request).toBe(originals.httpsRequest)
  const required = require('node:https') as typeof https
  expect(required.request).not.toBe(originals.httpsRequest)
  expect(required.get).not.toBe(originals.httpsGet)
  expect(modules._load).toBe(originalLoad)
  guard.begin({ name: 'late https' })
  expect(await get('https://api.anthropic.com/v1/models')).toBe(403)
  expect(guard.end()?.message).toContain('GET https://api.anthropic.com/v1/models (node:http)')
  expect(loads).toBe(1)
})

test('told so, it still wraps node:https at once when it is loaded already, with no hook', async () => {
  const guard = await install(true)
  expect(https.request).not.toBe(originals.httpsRequest)
  expect(modules._load).toBe(originalLoad)
  guard.begin({ name: 'loaded https' })
  expect(await get('https://api.openai.com/v1/models')).toBe(403)
  expect(guard.end()?.message).toContain('GET https://api.openai.com/v1/models (node:http)')
})

test('dispose before node:https is required takes the hook off, and node:https stays untouched', async () => {
  ;(await installBeforeHttps()).dispose()
  guard = undefined
  expect(modules._load).toBe(originalLoad)
  expect(require('node:https')).toBe(https)
  expect(https.request).toBe(originals.httpsRequest)
  expect(http.request).toBe(originals.request)
})
