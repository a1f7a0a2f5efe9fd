/**
 * A copy of a value that the journal can keep: bounded in depth, string length and total size, and
 * sharing no memory with the request it came from. A `slice()` of a large string keeps the whole string
 * alive (V8 sliced strings point into their parent); a parsed request keeps every prompt whole; and a
 * request nested 5,000 levels deep would make every later `JSON.stringify` of the journal overflow the
 * stack. Copying once, when an entry is written, fixes all three where they start.
 * @module
 */

export interface CopyLimits {
  /** Characters kept of one string (default 64 KiB). */
  maxString: number
  /** Levels of objects and arrays kept; deeper values become `"[deeper than N levels]"`. */
  maxDepth: number
  /** Approximate bytes kept in all (strings count their length, other values a few bytes). */
  maxBytes: number
}

export const DEFAULT_COPY_LIMITS: CopyLimits = { maxString: 64 * 1024, maxDepth: 64, maxBytes: 1024 * 1024 }

export interface BoundedCopy<T> {
  value: T
  /** The approximate size of what was kept, for the journal's byte budget. */
  bytes: number
  /** True when anything was cut. */
  truncated: boolean
}

/**
 * `text` cut to `max` characters, sharing no memory with the original when it is cut. A string that
 * fits is kept as it is: it holds no more than itself.
 */
export function detachedString(text: string, max: number): string {
  if (text.length <= max) return text
  // A round trip through a Buffer builds a new flat string; `slice` alone would keep `text` alive.
  return Buffer.from(text.slice(0, max), 'utf16le').toString('utf16le')
}

/**
 * True when JSON text nests below `limit` levels of objects and arrays (brackets inside strings do not
 * count). Linear, and stops at the limit: it tells cheaply whether a value parsed from `text` is safe to
 * keep as it is.
 */
export function nestsBelow(text: string, limit: number): boolean {
  if (fewerOpenings(text, limit)) return true
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 92 /* \\ */) i++
      else if (code === 34 /* " */) inString = false
    } else if (code === 34) inString = true
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      if (++depth >= limit) return false
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--
  }
  return true
}

/**
 * True when `text` holds fewer than `limit` opening brackets in all, so it cannot nest `limit` deep. Native
 * searches, one per bracket: most request bodies hold a handful, and a loop over every character is the
 * dearest part of journaling a request that is run only a few times (issue 15, a fresh mock per test).
 */
function fewerOpenings(text: string, limit: number): boolean {
  if (text.length < limit) return true
  let left = limit
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) if (--left === 0) return false
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) if (--left === 0) return false
  return true
}

export function boundedCopy<T>(value: T, limits: CopyLimits = DEFAULT_COPY_LIMITS): BoundedCopy<T> {
  const state = { bytes: 0, truncated: false }
  const copy = (input: unknown, depth: number): unknown => {
    if (typeof input === 'string') {
      const room = Math.max(0, Math.min(limits.maxString, limits.maxBytes - state.bytes))
      if (input.length > room) state.truncated = true
      // Copied even when it fits: a string parsed from a large body may be a slice that keeps it alive.
      const kept =
        input.length > room ? detachedString(input, room) : Buffer.from(input, 'utf16le').toString('utf16le')
      state.bytes += kept.length + 2
      return kept
    }
    state.bytes += 8
    if (input === null || typeof input !== 'object') return typeof input === 'function' ? undefined : input
    if (depth >= limits.maxDepth) {
      state.truncated = true
      return `[deeper than ${limits.maxDepth} levels]`
    }
    if (input instanceof RegExp) return String(input)
    if (Array.isArray(input)) {
      const out: unknown[] = []
      for (const item of input) {
        if (state.bytes >= limits.maxBytes) {
          state.truncated = true
          break
        }
        out.push(copy(item, depth + 1))
      }
      return out
    }
    const out: [string, unknown][] = []
    for (const key of Object.keys(input)) {
      if (state.bytes >= limits.maxBytes) {
        state.truncated = true
        break
      }
      state.bytes += key.length
      const item = copy((input as Record<string, unknown>)[key], depth + 1)
      if (item !== undefined) out.push([key, item])
    }
    // fromEntries defines own properties, so a `__proto__` key stays data, as JSON.parse made it.
    return Object.fromEntries(out)
  }
  const result = copy(value, 0) as T
  return { value: result, bytes: state.bytes, truncated: state.truncated }
}
