/**
 * What the OpenAI, Azure and OpenRouter decoder tests share: decode contexts, SSE text as servers write it
 * (read back with the record layer's frame reader), and the round-trip helpers typed for any wire.
 */
import type { ChatResult, EmbeddingResult } from '../../src/canonical'
import type { HeaderReader } from '../../src/core/reply'
import type { ChatSurface, DecodeContext, EmbeddingSurface } from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'
import { roundTripChat as roundTrip, roundTripEmbedding as roundTripVectors } from '../helpers/round-trip'

// The helpers take surfaces of any wire; each surface under test is typed with its own.
export const roundTripChat = (
  surface: ChatSurface<any>,
  wire: unknown,
  result: ChatResult,
  options: { stream: boolean; chunkSize?: number },
) => roundTrip(surface, wire, result, options)

export const roundTripEmbedding = (surface: EmbeddingSurface<any>, wire: unknown, result: EmbeddingResult) =>
  roundTripVectors(surface, wire, result)

export function context(
  path: string,
  options: { params?: Record<string, string>; memory?: Map<string, unknown> } = {},
): DecodeContext {
  return {
    url: new URL(`http://localhost${path}`),
    params: options.params ?? {},
    headers: headerReader({}),
    memory: options.memory ?? new Map(),
  }
}

export function headerReader(headers: Record<string, string>): HeaderReader {
  return { get: (name: string) => headers[name.toLowerCase()] ?? null }
}

/** The frames of an SSE body, as record mode reads them. */
export function sse(text: string): unknown[] {
  return readFrames('sse', text)
}

/** SSE text of `data:` lines, as a chat completions server writes them. */
export function dataLines(values: unknown[]): string {
  return values
    .map((value) => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`)
    .join('')
}

/** SSE text of typed events, as the Responses API writes them. */
export function typedEvents(values: Array<Record<string, unknown>>): string {
  return values.map((value) => `event: ${String(value.type)}\ndata: ${JSON.stringify(value)}\n\n`).join('')
}
