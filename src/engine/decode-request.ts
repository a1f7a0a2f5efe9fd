/**
 * Stage: decode a provider request into the canonical model. The surface reads its wire; the engine names
 * the surface and provider on the request here, once, so a decoder shared between surfaces (Azure reusing
 * OpenAI's, Vertex reusing Gemini's and Anthropic's) carries no names.
 * @module
 */
import type { DecodeContext, Decoded, ExchangeSurface } from '../providers/provider'

export function decodeRequest(surface: ExchangeSurface, body: unknown, context: DecodeContext): Decoded {
  // The decoder's object is new per request and this stage's alone: named in place, not copied.
  const decoded = surface.decode(body, context) as Decoded<object>
  decoded.request = { surface: surface.id, provider: surface.provider, ...decoded.request }
  return decoded as Decoded
}
