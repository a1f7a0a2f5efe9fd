/**
 * The guard's hold on `fetch` and `node:http`/`https` without loading `@mswjs/interceptors` up front.
 *
 * Loading the interceptors (and the builtins they pull in) costs a test worker about as much as standin
 * itself, and almost no test file needs them: its requests go to the mock on 127.0.0.1. So the guard first
 * sets thin wrappers on the same entry points the interceptors patch (`fetch`, `http.request`/`get`,
 * `https.request`/`get`, `http.ClientRequest`). A request whose host is not a guarded provider's goes
 * straight to the original; the guard would let it pass untouched anyway. The first request that may go
 * to a provider host loads the interceptors (synchronously), applies them exactly as `Interception` does,
 * and is sent again through them, as are all requests after it: from then on nothing differs from a guard
 * that loaded them at once.
 *
 * The other way the interceptors are needed is MSW (or any copy of the interceptors) applying in this realm
 * after the guard: it looks for a running instance under the kinds' registry symbols. Those are
 * getters until the guard loads, and reading one loads it, so MSW joins the guard's instance as it would
 * have without the delay.
 *
 * `node:http` and `node:https` are required when the guard starts, not when its bundle is imported. Where
 * every module of the tests is required through this realm's CommonJS `require` (Jest's sandbox: its core
 * modules come from the outer realm's `require`), `node:https` that no one has loaded yet is wrapped as it
 * is first required, through a hook on `Module._load`: loading it (and `tls`) costs a worker a few ms that
 * most test files never need. Vitest imports builtins through Node's ESM loader, which that hook does not
 * see, so there the guard takes `node:https` at once.
 * @module
 */
import type * as Http from 'node:http'
import type * as Https from 'node:https'
import Module, { createRequire } from 'node:module'
import { Interception, type Kind, type RequestListener } from './interception'
import { guardedProviderOf } from './live-call'

/** The registry keys of `ClientRequestInterceptor.symbol` and `FetchInterceptor.symbol`. */
const KIND_SYMBOLS = [Symbol.for('client-request-interceptor'), Symbol.for('fetch-interceptor')]

type AnyFunction = (...args: unknown[]) => unknown

/** `Module._load`: every CommonJS `require()` of this realm goes through it, a builtin's too. */
type Load = (request: unknown, ...rest: unknown[]) => unknown
const modules = Module as unknown as { _load: Load }

let requireHere: NodeJS.Require | undefined
/** A builtin, required on first use (`__filename`: the ESM build shims it, see ../engine). */
function builtin<T>(id: string): T {
  requireHere ??= createRequire(__filename)
  return requireHere(id) as T
}
const nodeHttp = (): typeof Http => builtin('node:http')
const nodeHttps = (): typeof Https => builtin('node:https')

/** Whether `node:https` is loaded in this process (`process.moduleLoadList`; unknown counts as loaded). */
function httpsLoaded(): boolean {
  const list: unknown = Reflect.get(process, 'moduleLoadList')
  return !Array.isArray(list) || list.includes('NativeModule https')
}

interface Patch {
  owner: object
  key: string
  descriptor: PropertyDescriptor
  wrapper: unknown
}

/** What the guard calls, whichever way it holds the entry points. */
export interface Watching {
  ensure(): void
  dispose(): void
}

export interface LazyInterceptionOptions {
  /** Loads the interceptors, synchronously, into the realm of `registry`. */
  load: () => Kind[]
  listener: RequestListener
  /** The global whose `fetch` is wrapped and where the interceptors register. */
  registry: object
  onLoadError: (error: unknown) => void
  /**
   * Wrap `node:https`, when it is not loaded yet, as it is first required rather than loading it now: only
   * where every test module's `require('https')` goes through this realm's `Module._load` (Jest).
   */
  httpsWhenRequired?: boolean
}

export class LazyInterception implements Watching {
  readonly #load: () => Kind[]
  readonly #listener: RequestListener
  readonly #registry: object
  readonly #onLoadError: (error: unknown) => void
  #patches: Patch[] = []
  /** Set once the interceptors are applied. */
  #loaded: Interception | undefined
  /** The entry points the interceptors installed, by key: where the wrappers send everything once loaded. */
  #through = new Map<string, unknown>()
  /** Loading failed: the wrappers pass everything through, as a guard that could not load does. */
  #failed = false
  #disposed = false
  /** An entry point could not be wrapped. */
  #unwrappable = false
  /** The registry getters that load the interceptors when another copy looks for a running one. */
  readonly #getters = new Map<symbol, () => unknown>()
  /** The `Module._load` hook waiting for the first `require('https')`, while one waits. */
  #httpsHook: { hook: Load; original: Load } | undefined

  constructor({ load, listener, registry, onLoadError, httpsWhenRequired }: LazyInterceptionOptions) {
    this.#load = load
    this.#listener = listener
    this.#registry = registry
    this.#onLoadError = onLoadError
    // An interceptor already runs here (MSW listening before the guard): join it now, as before.
    if (KIND_SYMBOLS.some((symbol) => Reflect.get(registry, symbol) !== undefined)) {
      this.#loadNow()
      return
    }
    this.#wrapFetch()
    this.#wrapHttp()
    if (httpsWhenRequired && !httpsLoaded()) this.#hookHttps()
    else this.#wrapHttps()
    // An entry point the wrappers could not take (an accessor, a frozen property): load now, as before.
    if (this.#unwrappable) {
      this.#loadNow()
      return
    }
    for (const symbol of KIND_SYMBOLS) this.#watchRegistry(symbol)
  }

  ensure(): void {
    this.#loaded?.ensure()
  }

  dispose(): void {
    this.#disposed = true
    this.#unwrap()
    this.#loaded?.dispose()
    this.#loaded = undefined
  }

  /** Loads and applies the interceptors (once): the wrappers are taken off first, so they patch the originals. */
  #loadNow(): void {
    if (this.#loaded || this.#failed || this.#disposed) return
    this.#unwrap()
    try {
      const interception = new Interception(this.#load(), this.#listener, this.#registry)
      this.#loaded = interception
    } catch (error) {
      this.#failed = true
      this.#onLoadError(error)
      return
    }
    const fetch = Reflect.get(this.#registry, 'fetch')
    const { request, get, ClientRequest } = nodeHttp()
    this.#through.set('fetch', fetch)
    this.#through.set('http.request', request)
    this.#through.set('http.get', get)
    // The interceptors have loaded node:https (they patch it): requiring it here loads nothing.
    this.#through.set('https.request', nodeHttps().request)
    this.#through.set('https.get', nodeHttps().get)
    this.#through.set('http.ClientRequest', ClientRequest)
  }

  /** Where a wrapper sends a call: the interceptors' entry point once loaded, else the original. */
  #target(key: string, original: unknown, mayBeGuarded: () => boolean): unknown {
    if (!this.#loaded && !this.#failed && !this.#disposed && mayBeGuarded()) this.#loadNow()
    return (this.#loaded && this.#through.get(key)) || original
  }

  #wrapFetch(): void {
    const registry = this.#registry
    const original = Reflect.get(registry, 'fetch') as AnyFunction | undefined
    if (typeof original !== 'function') return
    const choose = (args: unknown[]) => this.#target('fetch', original, () => fetchMayBeGuarded(args[0]))
    const wrapper = function fetch(this: unknown, ...args: unknown[]): unknown {
      const target = choose(args)
      return Reflect.apply(target as AnyFunction, this, args)
    }
    this.#patch(registry, 'fetch', wrapper)
  }

  /** Wraps `request` or `get` of `node:http` or `node:https` (`prefix`). */
  #wrapCall(owner: object, name: 'request' | 'get', prefix: string): void {
    const key = `${prefix}.${name}`
    const original = Reflect.get(owner, name) as AnyFunction
    const choose = (args: unknown[]) => this.#target(key, original, () => httpMayBeGuarded(args))
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      const target = choose(args)
      return Reflect.apply(target as AnyFunction, this, args)
    }
    Object.defineProperty(wrapper, 'name', { value: original.name })
    this.#patch(owner, name, wrapper)
  }

  #wrapHttps(): void {
    const https = nodeHttps()
    this.#wrapCall(https, 'request', 'https')
    this.#wrapCall(https, 'get', 'https')
  }

  /**
   * Wraps `node:https` as `require` first returns it (before the caller reads `request` from it). The hook
   * goes as soon as it has, or the guard loads or goes, and passes every other `require` through.
   */
  #hookHttps(): void {
    const original = modules._load
    const required = () => this.#httpsRequired(hook)
    // A function, not an arrow: `Module._load` is called on `Module`.
    const hook: Load = function (this: unknown, ...args: unknown[]): unknown {
      const loaded = Reflect.apply(original, this, args)
      if (args[0] === 'https' || args[0] === 'node:https') required()
      return loaded
    }
    this.#httpsHook = { hook, original }
    modules._load = hook
  }

  #httpsRequired(hook: Load): void {
    if (this.#httpsHook?.hook !== hook) return
    this.#unhookHttps()
    this.#wrapHttps()
    // An entry point the wrapper could not take: load now, as the constructor does.
    if (this.#unwrappable) this.#loadNow()
  }

  /** Takes the hook off `Module._load` (if something hooked it after us, ours stays and passes through). */
  #unhookHttps(): void {
    const held = this.#httpsHook
    if (!held) return
    this.#httpsHook = undefined
    if (modules._load === held.hook) modules._load = held.original
  }

  #wrapHttp(): void {
    const http = nodeHttp()
    this.#wrapCall(http, 'request', 'http')
    this.#wrapCall(http, 'get', 'http')
    const OriginalClientRequest = http.ClientRequest
    const wrapper: typeof Http.ClientRequest = new Proxy(OriginalClientRequest, {
      construct: (target, args, newTarget) => {
        const chosen = this.#target('http.ClientRequest', target, () => httpMayBeGuarded(args)) as
          typeof Http.ClientRequest | undefined
        const constructor = chosen ?? target
        // `new http.ClientRequest()` builds the chosen class; a subclass's `super()` keeps its own prototype.
        return Reflect.construct(constructor, args, newTarget === wrapper ? constructor : newTarget)
      },
    })
    this.#patch(http, 'ClientRequest', wrapper)
  }

  #patch(owner: object, key: string, wrapper: unknown): void {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key)
    if (descriptor && 'value' in descriptor && descriptor.configurable)
      Object.defineProperty(owner, key, { ...descriptor, value: wrapper })
    else if (descriptor?.writable) Reflect.set(owner, key, wrapper)
    else {
      this.#unwrappable = true
      return
    }
    this.#patches.push({ owner, key, descriptor, wrapper })
  }

  /** Takes the wrappers off the entry points and the registry (where something else replaced one, it stays). */
  #unwrap(): void {
    this.#unhookHttps()
    for (const { owner, key, descriptor, wrapper } of this.#patches.splice(0)) {
      if (Reflect.get(owner, key) !== wrapper) continue
      if (descriptor.configurable) Object.defineProperty(owner, key, descriptor)
      else Reflect.set(owner, key, descriptor.value)
    }
    for (const symbol of KIND_SYMBOLS) {
      const descriptor = Object.getOwnPropertyDescriptor(this.#registry, symbol)
      if (descriptor?.get === this.#getters.get(symbol)) Reflect.deleteProperty(this.#registry, symbol)
    }
  }

  /**
   * Another interceptor looking for a running instance (MSW's `listen()`) loads the guard's first, so it
   * joins it. Setting the key (an interceptor that found none) also loads the guard's, then stores the value.
   */
  #watchRegistry(symbol: symbol): void {
    const registry = this.#registry
    // Loading (or failing to) takes the getters off, so the second read sees the value itself.
    const get = (): unknown => {
      this.#loadNow()
      return Reflect.get(registry, symbol)
    }
    this.#getters.set(symbol, get)
    Object.defineProperty(registry, symbol, {
      configurable: true,
      enumerable: false,
      get,
      set: (value: unknown) => {
        this.#loadNow()
        Reflect.set(registry, symbol, value)
      },
    })
  }
}

/**
 * False only when the request surely goes to no guarded provider's host: a URL string, a `URL` or a
 * `Request` (of any realm: Jest's sandbox has its own) whose URL parses and names another host.
 */
function fetchMayBeGuarded(input: unknown): boolean {
  let url: unknown = input
  if (input instanceof URL) url = input.href
  else if (input !== null && typeof input === 'object') url = (input as { url?: unknown }).url
  if (typeof url !== 'string' || !URL.canParse(url)) return true
  return guardedProviderOf(new URL(url).host) !== undefined
}

/**
 * `http.request(url?, options?, callback?)` and its relatives (Node reads the host from the URL, then from
 * `options.hostname` or `options.host`): false only when every host the call could name is surely no
 * guarded provider's. A `URL` argument has `host` and `hostname` too.
 */
function httpMayBeGuarded(args: readonly unknown[]): boolean {
  const hosts: string[] = []
  const [first, second] = args
  if (typeof first === 'string') {
    if (!URL.canParse(first)) return true
    hosts.push(new URL(first).host)
  }
  for (const options of [first, second]) {
    if (options === null || typeof options !== 'object') continue
    for (const name of ['hostname', 'host'] as const) {
      const value = (options as Record<string, unknown>)[name]
      if (value === undefined || value === null) continue
      if (typeof value !== 'string') return true
      hosts.push(value)
    }
  }
  return hosts.some(hostMayBeGuarded)
}

/** A host as written by a caller (any case, maybe a port or brackets): could it be a guarded provider's? */
function hostMayBeGuarded(written: string): boolean {
  const host = written.toLowerCase()
  const name = host.replace(/:\d*$/, '')
  return guardedProviderOf(host) !== undefined || guardedProviderOf(name) !== undefined
}
