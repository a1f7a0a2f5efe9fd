/**
 * Encode → decode round trips for record mode: a canonical result rendered by the engine's own renderer
 * (JSON, or the surface's stream framing and frames at a small chunk size), its bytes read back with the
 * record layer's frame reader, and the surface's response decoder run on them.
 * @module
 */
import type { ChatResult, EmbeddingResult } from '../../src/canonical'
import { createIdSource } from '../../src/core/ids'
import { render } from '../../src/engine/render'
import type {
  ChatSurface,
  DecodedChatResult,
  DecodedEmbeddingResult,
  EmbeddingSurface,
} from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'

async function bodyBytes(body: unknown): Promise<Uint8Array | string> {
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  const parts: Buffer[] = []
  for await (const chunk of body as AsyncIterable<string | Uint8Array>) parts.push(Buffer.from(chunk))
  return Buffer.concat(parts)
}

/** The result as the surface encodes it and its decoder reads it back. `chunkSize` cuts the stream small. */
export async function roundTripChat(
  surface: ChatSurface,
  wire: unknown,
  result: ChatResult,
  options: { stream: boolean; chunkSize?: number },
): Promise<DecodedChatResult> {
  const decoding = surface.response
  if (!decoding) throw new Error(`${surface.id} has no response decoder`)
  const reply = await render({
    surface,
    wire,
    result,
    stream: options.stream,
    opts: {},
    chunkSize: options.chunkSize ?? 5,
    ids: createIdSource(1),
    signal: () => undefined,
  })
  const bytes = await bodyBytes(reply.body)
  if (!options.stream || !surface.stream) {
    return decoding.json(JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString()), wire)
  }
  if (!decoding.stream) throw new Error(`${surface.id} has no stream decoder`)
  const framing =
    typeof surface.stream.framing === 'function' ? surface.stream.framing(wire) : surface.stream.framing
  return decoding.stream(readFrames(framing, bytes), wire)
}

export async function roundTripEmbedding(
  surface: EmbeddingSurface,
  wire: unknown,
  result: EmbeddingResult,
): Promise<DecodedEmbeddingResult> {
  const decoding = surface.response
  if (!decoding) throw new Error(`${surface.id} has no response decoder`)
  const reply = await render({
    surface,
    wire,
    result,
    stream: false,
    opts: {},
    chunkSize: 20,
    ids: createIdSource(1),
    signal: () => undefined,
  })
  const bytes = await bodyBytes(reply.body)
  return decoding.json(JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString()), wire)
}
