/**
 * Crossing between Jest's two realms. The environment (and the mock) live in the worker's own realm; the
 * test file runs in a vm sandbox with its own `Array`, `Object` and `RegExp`. A sandbox RegExp is not
 * `instanceof RegExp` out here and an outer array is not `instanceof Array` in the test, so values are
 * rebuilt on the way in and copied on the way out.
 * @module
 */

/** Rebuilds plain data made in the sandbox (objects, arrays, RegExps) in this realm; functions and class instances pass as they are. */
export function toHostRealm<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Object.prototype.toString.call(value) === '[object RegExp]') {
    const re = value as unknown as RegExp
    return new RegExp(re.source, re.flags) as T
  }
  if (Array.isArray(value)) return value.map(toHostRealm) as T
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = toHostRealm(item)
  return out as T
}

/** A JSON copy made with the sandbox's own `JSON`, so the test sees its realm's arrays and objects. */
export function toSandboxRealm<T>(sandboxJson: JSON, value: T): T {
  return value === undefined ? value : (sandboxJson.parse(JSON.stringify(value)) as T)
}

/** An object whose prototype is some realm's `Object.prototype` (or null). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null
  return proto === null || Object.getPrototypeOf(proto) === null
}

/**
 * An error thrown out here, remade with the sandbox's constructor of the same name (`TypeError`...), so a
 * test's `toThrow(TypeError)` or `instanceof Error` holds as if it had been thrown in the test's realm.
 */
export function toSandboxError(sandbox: object, error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const global = sandbox as Record<string, unknown>
  const named = global[error.name]
  const Make = (
    typeof named === 'function' && error.name.endsWith('Error') ? named : global['Error']
  ) as ErrorConstructor
  const remade = new Make(error.message)
  if (remade.name !== error.name) remade.name = error.name
  remade.stack = error.stack
  return remade
}
