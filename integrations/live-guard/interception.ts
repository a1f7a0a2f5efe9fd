/**
 * The guard's hold on `fetch` and `node:http`/`https`, through `@mswjs/interceptors`, sharing it with MSW.
 *
 * How interceptors share state: each kind registers its running instance on `globalThis` under a
 * `Symbol.for()` key (`fetch-interceptor`, `client-request-interceptor`), so every copy of the library in
 * a realm finds it. The first to `apply()` patches the globals and owns the listener list; a later one
 * (MSW's `server.listen()`) adds its listeners to the owner's list, after the ones already there, and
 * listeners run one after the other. So the guard decides nothing when its listener runs: it defers to the
 * moment the request would really go out (see `guard.ts`).
 *
 * One wrinkle: when a later instance is disposed (`server.close()`), it deletes the registry entry although
 * it did not own it; the owner's patches stay. The guard, when it owns, puts its entry back as soon as a
 * listener leaves its list, so MSW's next `listen()` joins it again instead of patching `fetch` twice.
 * When MSW owns, its `close()` removes every listener, ours included: `ensure()` (called as each test
 * starts) applies the guard afresh.
 * @module
 */
import type { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest'
import type { FetchInterceptor } from '@mswjs/interceptors/fetch'
import type { HttpRequestEventMap } from '@mswjs/interceptors'

export type RequestEvent = HttpRequestEventMap['request'][0]
export type Via = 'fetch' | 'node:http'
export type RequestListener = (event: RequestEvent, via: Via) => void

type Watched = ClientRequestInterceptor | FetchInterceptor
export interface Kind {
  via: Via
  symbol: symbol
  create(): Watched
}

interface Held {
  kind: Kind
  instance: Watched
  /** What the registry held right after `apply()`: this instance if it owns, else the owner it joined. */
  owner: unknown
}

/** The two interceptor modules, as a loader gives them. */
export type InterceptorModules = [
  typeof import('@mswjs/interceptors/ClientRequest'),
  typeof import('@mswjs/interceptors/fetch'),
]

/** A dynamic import, the default: Jest's sandbox allows none, so its setup file passes its `require`. */
export function importInterceptors(): Promise<InterceptorModules> {
  return Promise.all([import('@mswjs/interceptors/ClientRequest'), import('@mswjs/interceptors/fetch')])
}

/** Loads the interceptors only when a guard is installed, so importing a runner entry stays cheap. */
export async function loadKinds(
  load: () => Promise<InterceptorModules> = importInterceptors,
): Promise<Kind[]> {
  return kindsOf(await load())
}

/** The two kinds the guard applies, from the loaded modules. */
export function kindsOf(modules: InterceptorModules): Kind[] {
  const [{ ClientRequestInterceptor }, { FetchInterceptor }] = modules
  return [
    {
      via: 'node:http',
      symbol: ClientRequestInterceptor.symbol,
      create: () => new ClientRequestInterceptor(),
    },
    { via: 'fetch', symbol: FetchInterceptor.symbol, create: () => new FetchInterceptor() },
  ]
}

export class Interception {
  readonly #listener: RequestListener
  /** The global the interceptors register on: the realm their modules were loaded in. */
  readonly #registry: object
  #held: Held[] = []
  #disposing = false

  constructor(kinds: Kind[], listener: RequestListener, registry: object = globalThis) {
    this.#listener = listener
    this.#registry = registry
    this.#held = kinds.map((kind) => this.#apply(kind))
  }

  /** Re-registers or re-applies what another instance's dispose undid. Cheap: two property reads. */
  ensure(): void {
    this.#held = this.#held.map((held) => {
      const current = this.#registered(held.kind)
      if (held.owner === held.instance) {
        if (current === undefined) this.#register(held.kind, held.instance)
        return held
      }
      // The owner we joined is gone (its dispose took our listener with it): start over.
      return current === held.owner ? held : this.#apply(held.kind)
    })
  }

  dispose(): void {
    this.#disposing = true
    for (const { kind, instance, owner } of this.#held) {
      if (owner === instance) {
        // Our dispose restores the globals only while the registry still names us.
        if (this.#registered(kind) === undefined) this.#register(kind, instance)
        instance.dispose()
      } else {
        // Disposing a joined instance removes our listener but also deletes the owner's entry: keep it.
        const current = this.#registered(kind)
        instance.dispose()
        if (current !== undefined && this.#registered(kind) === undefined) this.#register(kind, current)
      }
    }
    this.#held = []
  }

  #apply(kind: Kind): Held {
    const instance = kind.create()
    instance.apply()
    instance.on('request', (event) => this.#listener(event, kind.via))
    const owner = this.#registered(kind)
    if (owner === instance) {
      // A joined instance leaving (MSW's close) has just deleted our entry: put it back.
      instance.on('removeListener' as 'request', () => {
        if (!this.#disposing && this.#registered(kind) === undefined) this.#register(kind, instance)
      })
    }
    return { kind, instance, owner }
  }

  #registered(kind: Kind): unknown {
    return Reflect.get(this.#registry, kind.symbol)
  }

  #register(kind: Kind, instance: unknown): void {
    Reflect.set(this.#registry, kind.symbol, instance)
  }
}
