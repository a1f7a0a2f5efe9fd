/**
 * A record built on first use, for matcher tables that need the engine.
 * @module
 */
/** An object whose properties come from `build()`, called on first use (a look at a key or the keys). */
export function lazyRecord<T extends object>(build: () => T): T {
  let real: T | undefined
  const target = () => (real ??= build())
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(target(), key),
  })
}
