/**
 * Partial deep matching that understands every runner's asymmetric matchers (`expect.any`,
 * `expect.stringContaining`, ...): they all implement `asymmetricMatch(actual)`. Playwright's matchers get no
 * usable `this.equals`, so the comparison is written once here.
 * @module
 */

interface Asymmetric {
  asymmetricMatch(actual: unknown): boolean
  toString?(): string
  toAsymmetricMatcher?(): string
  sample?: unknown
}

export function isAsymmetric(value: unknown): value is Asymmetric {
  return (
    typeof value === 'object' && value !== null && typeof (value as Asymmetric).asymmetricMatch === 'function'
  )
}

/** True when `actual` holds everything `expected` lists (objects: listed keys; arrays: same length). */
export function matchesPartial(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual)
  if (expected instanceof RegExp) return typeof actual === 'string' ? expected.test(actual) : false
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matchesPartial(actual[i], e))
    )
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return false
    return Object.entries(expected).every(([key, value]) =>
      matchesPartial((actual as Record<string, unknown>)[key], value),
    )
  }
  return Object.is(actual, expected)
}

/** Prints a value the way a person reads it, asymmetric matchers included. */
export function show(value: unknown): string {
  if (isAsymmetric(value)) return value.toAsymmetricMatcher?.() ?? showSampled(value)
  if (value instanceof RegExp) return String(value)
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`)
    return `{ ${fields.join(', ')} }`
  }
  return JSON.stringify(value)
}

/** Matchers without `toAsymmetricMatcher()` (`StringContaining` in Jest, ...): name and sample, as Jest prints them. */
function showSampled(value: Asymmetric): string {
  const name = value.toString?.() ?? 'Asymmetric'
  return value.sample === undefined ? name : `${name} ${show(value.sample)}`
}

/** Lines of a key-by-key diff between what was expected and what was closest. */
export function diffLines(expected: unknown, actual: unknown, indent = '    '): string[] {
  if (
    typeof expected !== 'object' ||
    expected === null ||
    isAsymmetric(expected) ||
    Array.isArray(expected)
  ) {
    return [`${indent}- ${show(expected)}`, `${indent}+ ${show(actual)}`]
  }
  const lines: string[] = []
  const got = (typeof actual === 'object' && actual !== null ? actual : {}) as Record<string, unknown>
  for (const [key, value] of Object.entries(expected)) {
    if (matchesPartial(got[key], value)) lines.push(`${indent}  ${JSON.stringify(key)}: ${show(got[key])}`)
    else
      lines.push(
        `${indent}- ${JSON.stringify(key)}: ${show(value)}`,
        `${indent}+ ${JSON.stringify(key)}: ${show(got[key])}`,
      )
  }
  return lines
}
