/**
 * Serialised chat replies, reused per fixture content: a surface's JSON body for one fixture differs from
 * request to request (and from one mock to the next) only in its generated values (the response id, `created`, tool-call ids), so it is
 * encoded and serialised once, cut at those values, and later bodies are the cut pieces with the new values
 * spliced in (the same bytes as `JSON.stringify(surface.encode(result))`, at a fraction of its cost).
 *
 * A template is made only when it provably reproduces the encoder: the result is encoded twice with two
 * different sets of stand-in values, both serialisations must cut into the same literal pieces with the
 * stand-ins in the same places, and the pieces filled with the real values must equal the real body. Every
 * later use checks that the result's fixed parts (text, calls, model, usage, finish reason, ...) are still
 * those the template was made from; any difference encodes the plain way. Surfaces opt in with
 * `jsonTemplate` (their `encode` must read the wire only through the key it returns, and nothing but the
 * result: a template serves every mock in the process).
 * @module
 */
import type { ChatResult, OutputBlock } from '../canonical'
import { readUsage, type ReportedTokens } from '../ratelimit/usage-tokens'

/** A body cut at its generated values: `pieces[i]`, value of `holes[i]`, ..., the last piece. */
interface Template {
  pieces: string[]
  /** Which generated value each hole takes (see {@link holeValues}). */
  holes: number[]
  /** The result the template was made from: its fixed parts are compared on every use. */
  model: ChatResult
  /** What `readUsage` reads from every body of this template (the generated values carry no usage). */
  usage: ReportedTokens
}

/** A surface's template for one fixture response, or null when none fits; `misses` counts rebuilds. */
interface Entry {
  template: Template | null
  misses: number
}

/** Rebuilds after the fixed parts changed (another model asked, a fixture edited in place) before giving up. */
const MAX_MISSES = 4
/** Surfaces and wire keys per fixture response. */
const MAX_KEYS = 8

/** Per fixture response (object identity): its entries by surface and wire key. */
const templates = new WeakMap<object, Map<string, Entry>>()

/** A JSON body and what its `usage` reports. */
export interface TemplatedBody {
  body: string
  usage: ReportedTokens
}

/**
 * The serialised `encode(result)` for a fixture response, from a template when one fits. Content seen for
 * the first time is encoded the plain way; the second time makes the template. A short answer's template is
 * found by its content ({@link byContent}), whichever object `source` is; a long one's (and audio's) by the
 * response object `source` alone.
 */
export function templatedBody(
  source: object,
  key: string,
  result: ChatResult,
  encode: (result: ChatResult) => unknown,
): TemplatedBody | undefined {
  const text = sharing ? contentText(result) : undefined
  return text === undefined ? bySource(source, key, result, encode) : byContentText(text, key, result, encode)
}

/**
 * Templates by content, for every mock in the process, listed under the answer's first text (or tool-call
 * arguments): a fresh mock per test registers new fixture objects with the last test's content, so templates
 * found by object identity alone were made anew by every test, after a first reply encoded the plain way
 * (the serialisation and the usage read were the largest costs of a fresh mock's first request, issue 15).
 * An entry serves a result only with the same surface key and fixed parts ({@link sameFixedParts}, as for
 * any use of a template); the lookup allocates nothing. Bounded: {@link CONTENT_ENTRIES} texts, a few
 * entries each, texts up to {@link CONTENT_TEXT} characters.
 */
const byContent = new Map<string, Shared[]>()
const CONTENT_ENTRIES = 256
const CONTENT_TEXT = 2048
/**
 * Surface keys, models and usages per text (a test asking several models of one fixture): at most 256 × 4
 * entries of at most 2,048 characters of answer each are kept.
 */
const PER_TEXT = 4

interface Shared {
  key: string
  /** The result first seen with this content (its fixed parts are compared). */
  model: ChatResult
  /** Not made yet (seen once), made, or null when none fits this surface. */
  template: Template | null | undefined
}

/** When false, templates are found by response object only (tests compare the two ways). */
let sharing = true

/** Turns the process-wide templates by content on or off, forgetting them (tests only). */
export function shareTemplatesByContent(on: boolean): void {
  sharing = on
  byContent.clear()
}

/**
 * What a result's templates are listed under: its first text or tool-call arguments. Undefined (found by
 * response object instead) for audio, or when the answer's text in all is long: what is kept stays small.
 */
function contentText(result: ChatResult): string | undefined {
  const blocks = result.blocks
  if (blocks.length === 0 || result.audio !== undefined) return undefined
  let size = result.reasoning?.length ?? 0
  for (const block of blocks)
    size += block.type === 'text' ? block.text.length : block.call.arguments.length + block.call.name.length
  if (size > CONTENT_TEXT) return undefined
  const first = blocks[0]!
  return first.type === 'text' ? first.text : first.call.arguments
}

function byContentText(
  text: string,
  key: string,
  result: ChatResult,
  encode: (result: ChatResult) => unknown,
): TemplatedBody | undefined {
  let list = byContent.get(text)
  if (list !== undefined) {
    for (const shared of list) {
      if (shared.key !== key || !sameFixedParts(shared.model, result)) continue
      const template = shared.template
      if (template) return { body: fill(template, result), usage: template.usage }
      if (template === null) return undefined
      // Seen once before: the template is made now.
      const { body, made } = encodeWithTemplate(result, encode)
      shared.template = made
      return { body, usage: made?.usage ?? usageOf(body) }
    }
  } else {
    if (byContent.size >= CONTENT_ENTRIES) byContent.delete(byContent.keys().next().value!)
    list = []
    byContent.set(text, list)
  }
  // Seen for the first time: encoded the plain way, remembered.
  if (list.length >= PER_TEXT) list.shift()
  list.push({ key, model: result, template: undefined })
  return undefined
}

/** A template per response object: the first use encodes the plain way, the second makes it. */
function bySource(
  source: object,
  key: string,
  result: ChatResult,
  encode: (result: ChatResult) => unknown,
): TemplatedBody | undefined {
  const slot = templates.get(source)
  if (!slot) {
    templates.set(source, new Map())
    return undefined
  }
  let entry = slot.get(key)
  const template = entry?.template
  if (template && sameFixedParts(template.model, result))
    return { body: fill(template, result), usage: template.usage }
  if (entry) {
    if (template === null || entry.misses >= MAX_MISSES) return undefined
    entry.misses++
  } else {
    if (slot.size >= MAX_KEYS) return undefined
    entry = { template: null, misses: 0 }
    slot.set(key, entry)
  }
  const { body, made } = encodeWithTemplate(result, encode)
  entry.template = made
  return { body, usage: made?.usage ?? usageOf(body) }
}

/** The plain body, and the template made from it (null when none fits). */
function encodeWithTemplate(
  result: ChatResult,
  encode: (result: ChatResult) => unknown,
): { body: string; made: Template | null } {
  const body = JSON.stringify(encode(result))
  return { body, made: makeTemplate(result, body, encode) }
}

/** Stand-ins: strings nothing else serialises to, numbers long enough not to occur by chance. */
const STRING_MARK = (set: number, hole: number) => `\u0000standin-${set}-${hole}\u0000`
const NUMBER_MARK = [8_901_234_567_123, 7_890_123_456_321]

function makeTemplate(
  result: ChatResult,
  body: string,
  encode: (result: ChatResult) => unknown,
): Template | null {
  if (!sameKeys(result, result)) return null
  const cuts = [0, 1].map((set) => {
    const marks = holeValues(result).map((value, hole) =>
      typeof value === 'number' ? NUMBER_MARK[set]! + hole : STRING_MARK(set, hole),
    )
    // An encoder may not take a stand-in (Vertex makes a date of `created`, and the number stand-in is no
    // valid date): no template then, the plain encoder answers.
    try {
      return cut(JSON.stringify(encode(withHoles(result, marks))), marks)
    } catch {
      return undefined
    }
  })
  const [a, b] = cuts
  if (!a || !b || a.holes.join() !== b.holes.join() || a.pieces.join('\u0000') !== b.pieces.join('\u0000'))
    return null
  const template: Template = { pieces: a.pieces, holes: a.holes, model: result, usage: usageOf(body) }
  // The real values must give the real body, and the stand-ins no usage of their own.
  if (fill(template, result) !== body) return null
  const probe = usageOf(a.pieces.join(''))
  if (probe.input !== template.usage.input || probe.output !== template.usage.output) return null
  return template
}

/** The body cut at every occurrence of the stand-ins' serialised forms; undefined if a cut is doubtful. */
function cut(text: string, marks: (string | number)[]): { pieces: string[]; holes: number[] } | undefined {
  const forms = marks.map((mark) => JSON.stringify(mark))
  const pieces: string[] = []
  const holes: number[] = []
  let from = 0
  for (;;) {
    let next = -1
    let hole = -1
    for (let i = 0; i < forms.length; i++) {
      const at = text.indexOf(forms[i]!, from)
      if (at >= 0 && (next < 0 || at < next)) {
        next = at
        hole = i
      }
    }
    if (next < 0) break
    pieces.push(text.slice(from, next))
    holes.push(hole)
    from = next + forms[hole]!.length
  }
  pieces.push(text.slice(from))
  // A number stand-in next to a digit was part of a longer number: not a cut.
  for (let i = 0; i < holes.length; i++) {
    if (typeof marks[holes[i]!] !== 'number') continue
    if (/^[0-9.eE]/.test(pieces[i + 1]!) || /[0-9.-]$/.test(pieces[i]!)) return undefined
  }
  // A generated value the surface does not send (Anthropic has no `created`) is simply not a hole.
  return { pieces, holes }
}

/** The generated values of a result, in a fixed order: id, created, then each tool call's id. */
function holeValues(result: ChatResult): (string | number)[] {
  const values: (string | number)[] = [result.id, result.created]
  for (const block of result.blocks) if (block.type === 'toolCall') values.push(block.call.id)
  return values
}

/** A copy of `result` with its generated values replaced by `values` (in {@link holeValues}' order). */
function withHoles(result: ChatResult, values: (string | number)[]): ChatResult {
  let call = 2
  const blocks: OutputBlock[] = result.blocks.map((block) =>
    block.type === 'toolCall'
      ? { type: 'toolCall', call: { ...block.call, id: values[call++] as string } }
      : block,
  )
  return { ...result, id: values[0] as string, created: values[1] as number, blocks }
}

function fill(template: Template, result: ChatResult): string {
  const values = holeValues(result)
  const { pieces, holes } = template
  let out = pieces[0]!
  for (let i = 0; i < holes.length; i++) out += JSON.stringify(values[holes[i]!]) + pieces[i + 1]!
  return out
}

function usageOf(body: string): ReportedTokens {
  const usage = { input: -1, output: -1 }
  readUsage(body, usage)
  return usage
}

/** True when two results differ at most in their generated values. */
function sameFixedParts(a: ChatResult, b: ChatResult): boolean {
  if (
    a.model !== b.model ||
    a.finishReason !== b.finishReason ||
    a.reasoning !== b.reasoning ||
    a.reasoningSignature !== b.reasoningSignature ||
    a.audio !== b.audio ||
    a.nativeFinishReason !== b.nativeFinishReason ||
    a.upstreamProvider !== b.upstreamProvider ||
    a.blocks.length !== b.blocks.length ||
    !sameStrings(a.redactedReasoning, b.redactedReasoning)
  )
    return false
  const ua = a.usage
  const ub = b.usage
  if (
    ua.inputTokens !== ub.inputTokens ||
    ua.outputTokens !== ub.outputTokens ||
    ua.reasoningTokens !== ub.reasoningTokens ||
    ua.cost !== ub.cost
  )
    return false
  for (let i = 0; i < a.blocks.length; i++) {
    const x = a.blocks[i]!
    const y = b.blocks[i]!
    if (x.type === 'text') {
      if (y.type !== 'text' || x.text !== y.text) return false
    } else if (
      y.type !== 'toolCall' ||
      x.call.name !== y.call.name ||
      x.call.arguments !== y.call.arguments
    ) {
      return false
    }
  }
  return sameKeys(a, b)
}

function sameStrings(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The result types may grow: a field this file does not know makes every use encode the plain way. */
const KNOWN = new Set([
  'kind',
  'id',
  'model',
  'created',
  'reasoning',
  'reasoningSignature',
  'redactedReasoning',
  'blocks',
  'audio',
  'finishReason',
  'nativeFinishReason',
  'upstreamProvider',
  'usage',
])
const KNOWN_USAGE = new Set(['inputTokens', 'outputTokens', 'reasoningTokens', 'cost'])
const KNOWN_CALL = new Set(['id', 'name', 'arguments'])

function sameKeys(a: ChatResult, b: ChatResult): boolean {
  for (const name in b) if (!KNOWN.has(name)) return false
  for (const name in b.usage) if (!KNOWN_USAGE.has(name)) return false
  for (const block of b.blocks) {
    if (block.type !== 'toolCall') {
      for (const name in block) if (name !== 'type' && name !== 'text') return false
      continue
    }
    for (const name in block) if (name !== 'type' && name !== 'call') return false
    for (const name in block.call) if (!KNOWN_CALL.has(name)) return false
  }
  return a.kind === b.kind
}
