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
 * @module
 */
import http from 'node:http'
import https from 'node:https'
import { Interception, type Kind, type RequestListener } from './interception'
import { guardedProviderOf } from './live-call'

/** The registry keys of `ClientRequestInterceptor.symbol` and `FetchInterceptor.symbol`. */
const KIND_SYMBOLS = [Symbol.for('client-request-interceptor'), Symbol.for('fetch-interceptor')]

type AnyFunction = (...args: unknown[]) => unknown

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

  constructor(
    load: () => Kind[],
    listener: RequestListener,
    registry: object,
    onLoadError: (error: unknown) => void,
  ) {
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
    this.#through.set('fetch', fetch)
    this.#through.set('http.request', http.request)
    this.#through.set('http.get', http.get)
    this.#through.set('https.request', https.request)
    this.#through.set('https.get', https.get)
    this.#through.set('http.ClientRequest', http.ClientRequest)
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

  #wrapHttp(): void {
    const call = (owner: object, name: 'request' | 'get', prefix: string) => {
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
    call(http, 'request', 'http')
    call(http, 'get', 'http')
    call(https, 'request', 'https')
    call(https, 'get', 'https')
    const OriginalClientRequest = http.ClientRequest
    const wrapper: typeof http.ClientRequest = new Proxy(OriginalClientRequest, {
      construct: (target, args, newTarget) => {
        const chosen = this.#target('http.ClientRequest', target, () => httpMayBeGuarded(args)) as
          typeof http.ClientRequest | undefined
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
