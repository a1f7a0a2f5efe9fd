/**
 * What a Gemini client ends up with from a response or a stream, so a recorded answer and its replay can be
 * compared: replay cuts a stream where it likes, so text pieces are joined and empty ones dropped.
 * @module
 */
import type { Part } from '@google/genai'

export interface Assembled {
  /** Text pieces of the same kind (thought or not) joined; function calls as they came, minus `id`. */
  parts: Part[]
  /** The thoughtSignatures of text parts, in order (Gemini may put one on any text piece, even an empty one). */
  textSignatures: string[]
}

/**
 * A function call's `id` is left out: the fake speaks Gemini 2.5, which sends none, and replay gives every
 * call one as it does for fixtures (Gemini 3 sends them); the recordings are checked for the absence instead.
 * A signature on a function call stays on its part: Gemini requires it back on that very part.
 */
export function assembled(parts: Part[]): Assembled {
  const out: Part[] = []
  const textSignatures: string[] = []
  for (const part of parts) {
    if (part.functionCall) {
      const { id: _id, ...call } = part.functionCall
      out.push({ ...part, functionCall: call })
      continue
    }
    const { thoughtSignature, ...rest } = part
    if (typeof rest.text !== 'string') {
      out.push(part)
      continue
    }
    if (thoughtSignature) textSignatures.push(thoughtSignature)
    if (rest.text === '') continue
    const previous = out.at(-1)
    if (typeof previous?.text === 'string' && Boolean(previous.thought) === Boolean(rest.thought)) {
      out[out.length - 1] = { ...previous, text: previous.text + rest.text }
    } else out.push(rest)
  }
  return { parts: out, textSignatures }
}
