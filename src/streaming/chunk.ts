/**
 * Cuts text into chunks of `size` characters counted in code points. A cut never splits a surrogate pair,
 * and never splits a grapheme cluster that would render broken (a combining mark from its base, a ZWJ
 * emoji sequence, a flag): such a cut moves to the end of the cluster.
 *
 * Linear in the text: chunks are slices of the text (no concatenation), plain ASCII never reaches the
 * grapheme check, and `Intl.Segmenter` only ever sees a small window around a cut, because V8 segments a
 * long string in quadratic time (160,000 characters take 50 s to iterate on Node 20).
 * @see ../../docs/decisions/streaming-chunks.md
 * @module
 */

/** Made on first use: building a segmenter loads ICU's break data, ~10 ms that an import should not pay. */
let graphemes: Intl.Segmenter | undefined
/**
 * The Unicode classes a cut is checked against, made on first use: a `\p{…}` class is built when its regex
 * is created, ~2 ms of every import for the four of the engine (issue 15), and plain text never needs them.
 * - continues: code points that can continue a grapheme cluster (UAX #29: Extend, SpacingMark, ZWJ, regional
 *   indicators, Hangul vowel and trailing jamo). Only a cut before one of these, or after a ZWJ, a prepended
 *   format character or a leading jamo (joinsNext), is worth asking `Intl.Segmenter` about.
 * - emojiModifier: a skin-tone modifier renders on its own, and one code point per chunk at `chunkSize: 1` is
 *   pinned by the wire tests, so a cut before one stays where it is.
 */
let classes: { continues: RegExp; joinsNext: RegExp; emojiModifier: RegExp } | undefined

function clusterClasses(): NonNullable<typeof classes> {
  return (classes ??= {
    continues: /[\p{M}\p{Regional_Indicator}\u200D\u0E33\u0EB3\u1160-\u11FF\uD7B0-\uD7FF]/uy,
    joinsNext: /[\p{Cf}\u1100-\u115F\uA960-\uA97F]/uy,
    emojiModifier: /\p{Emoji_Modifier}/uy,
  })
}
/** Code units of context around a cut; a cluster longer than this widens the window. */
const WINDOW = 32

/** The chunks of `text`, `size` code points each (a chunk grows to end a grapheme cluster it would cut). */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = []
  for (let start = 0; start < text.length;) {
    const cut = nextCut(text, start, size)
    chunks.push(text.slice(start, cut))
    start = cut
  }
  return chunks
}

/** {@link chunkText} one chunk at a time, so a paced stream never holds every chunk at once. */
export function* textChunks(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length;) {
    const cut = nextCut(text, start, size)
    yield text.slice(start, cut)
    start = cut
  }
}

/** Where the chunk that starts at `start` ends. */
function nextCut(text: string, start: number, size: number): number {
  // Without a surrogate in reach, a code point is a code unit and the cut is plain arithmetic.
  let cut = Math.min(start + size, text.length)
  if (hasSurrogate(text, start, cut)) cut = advance(text, start, size)
  return cut < text.length && mayJoin(text, cut) ? clusterEnd(text, cut) : cut
}

function hasSurrogate(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((text.charCodeAt(i) & 0xf800) === 0xd800) return true
  return false
}

/** The index `count` code points after `from`. */
function advance(text: string, from: number, count: number): number {
  let i = from
  for (let n = 0; n < count && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1
  }
  return i
}

/** Whether a cut at `at` may fall inside a grapheme cluster (a cheap filter; the segmenter decides). */
function mayJoin(text: string, at: number): boolean {
  // Below U+0300 nothing combines (CR LF aside, which may be cut), so ASCII and Latin-1 stop here.
  if (text.charCodeAt(at) < 0x300 && text.charCodeAt(at - 1) < 0x300) return false
  const { continues, joinsNext, emojiModifier } = clusterClasses()
  if (matchesAt(emojiModifier, text, at)) return false
  return matchesAt(continues, text, at) || matchesAt(joinsNext, text, previousCodePoint(text, at))
}

/**
 * The end of the grapheme cluster that contains `cut`, or `cut` when a cluster starts there. The window
 * reaches back before the chunk's start: a chunk may begin inside a cluster (at a skin-tone modifier), and
 * a ZWJ sequence or a flag is only recognised from its first code point.
 */
function clusterEnd(text: string, cut: number): number {
  let start = Math.max(0, cut - WINDOW)
  if (start > 0 && isLow(text.charCodeAt(start))) start--
  for (let ahead = WINDOW; ; ahead *= 2) {
    let end = Math.min(text.length, cut + ahead)
    if (isLow(text.charCodeAt(end))) end++
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    const cluster = graphemes.segment(text.slice(start, end)).containing(cut - start)!
    const clusterStart = start + cluster.index
    const clusterStop = clusterStart + cluster.segment.length
    if (clusterStart === cut) return cut
    // A cluster that reaches the window's end may go on past it: look further.
    if (clusterStop < end || end === text.length) return clusterStop
  }
}

function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at
  return pattern.test(text)
}

function previousCodePoint(text: string, at: number): number {
  return isLow(text.charCodeAt(at - 1)) && isHigh(text.charCodeAt(at - 2)) ? at - 2 : at - 1
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
