/**
 * Function-call arguments streamed piece by piece (Vertex AI, Gemini 3, with
 * `toolConfig.functionCallingConfig.streamFunctionCallArguments`): each `FunctionCall.partialArgs` entry puts
 * one value at an RFC 9535 JSON path (`$.location`, `$.items[0].name`); a string value whose entry says
 * `willContinue` goes on in the next entry for the same path.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Content#PartialArg
 * @module
 */
import { isObject, type Json } from '../wire/json-guards'

type Segment = string | number

/** Collects partial arguments into one arguments object. */
export class PartialArguments {
  private readonly root: Json = {}
  /** Paths whose string value is still being streamed. */
  private readonly continuing = new Set<string>()

  /** Adds one `partialArgs` list; throws on an entry without a readable path. */
  add(entries: unknown): void {
    if (!Array.isArray(entries)) return
    for (const entry of entries) {
      if (!isObject(entry)) continue
      const path = entry.jsonPath ?? entry.json_path
      if (typeof path !== 'string') throw new Error('a FunctionCall.partialArgs entry has no jsonPath')
      const value = partialValue(entry)
      if (value === undefined) continue
      const segments = parsePath(path)
      const previous = valueAt(this.root, segments)
      const extend = this.continuing.has(path) && typeof previous === 'string' && typeof value === 'string'
      setAt(this.root, segments, extend ? previous + value : value)
      if ((entry.willContinue ?? entry.will_continue) === true) this.continuing.add(path)
      else this.continuing.delete(path)
    }
  }

  value(): Json {
    return this.root
  }
}

function partialValue(entry: Json): unknown {
  for (const [camel, snake] of [
    ['stringValue', 'string_value'],
    ['numberValue', 'number_value'],
    ['boolValue', 'bool_value'],
  ] as const) {
    const value = entry[camel] ?? entry[snake]
    if (value !== undefined) return value
  }
  if ((entry.nullValue ?? entry.null_value) !== undefined) return null
  return undefined
}

/** `$.a.b[0]['c d']` as segments; throws on anything else (filters, wildcards, slices). */
export function parsePath(path: string): Segment[] {
  if (!path.startsWith('$')) throw new Error(`unsupported partialArgs jsonPath '${path}'`)
  const segments: Segment[] = []
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y
  pattern.lastIndex = 1
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path)
    if (!match) throw new Error(`unsupported partialArgs jsonPath '${path}'`)
    if (match[1] !== undefined) segments.push(match[1])
    else if (match[2] !== undefined) segments.push(Number(match[2]))
    else segments.push((match[3] ?? match[4]!).replace(/\\(.)/g, '$1'))
  }
  return segments
}

function valueAt(root: unknown, segments: Segment[]): unknown {
  let node = root
  for (const segment of segments) {
    if (typeof segment === 'number' ? !Array.isArray(node) : !isObject(node)) return undefined
    node = (node as Record<string | number, unknown>)[segment]
  }
  return node
}

function setAt(root: Json, segments: Segment[], value: unknown): void {
  if (segments.length === 0) {
    // `$` itself: a whole object replaces what was collected.
    if (isObject(value)) Object.assign(root, value)
    return
  }
  let node: Record<string | number, unknown> = root
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      node[segment] = value
      return
    }
    const next = segments[i + 1]!
    const child = node[segment]
    const fits = typeof next === 'number' ? Array.isArray(child) : isObject(child)
    if (!fits) node[segment] = typeof next === 'number' ? [] : {}
    node = node[segment] as Record<string | number, unknown>
  })
}
