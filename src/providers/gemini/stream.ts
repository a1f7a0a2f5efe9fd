/**
 * `streamGenerateContent`: a sequence of `GenerateContentResponse` chunks, as SSE `data:` events with
 * `?alt=sse` (what the SDKs ask for) and as one JSON array written element by element without it (the REST
 * default). Text and thoughts stream as they are cut; a function call arrives whole in one chunk, as Gemini
 * sends it; the last chunk carries the finish reason, the full usage and (after text) the thought signature.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { StreamEncoding } from '../provider'
import type { Json } from '../wire/json-guards'
import { functionCallPart, generateContentResponse, signedPart } from './encode-response'

export interface GenerateWire {
  /** `?alt=sse` was asked for: SSE events, else a JSON array. */
  sse: boolean
  /** Vertex AI's `createTime` on every response. */
  createTime: boolean
}

export const generateContentStream: StreamEncoding<GenerateWire> = {
  framing: (wire) => (wire.sse ? 'sse' : 'json-array'),
  frames(event, result, wire) {
    const chunk = chunkFor(event, result, wire)
    if (!chunk) return []
    return [wire.sse ? { data: chunk } : chunk]
  },
}

function chunkFor(event: StreamEvent, result: ChatResult, wire: GenerateWire): Json | undefined {
  const respond = (parts: Json[], final: boolean) =>
    generateContentResponse(result, parts, { final, createTime: wire.createTime })
  switch (event.type) {
    case 'reasoning-delta':
      return respond([{ text: event.text, thought: true }], false)
    case 'text-delta':
      return respond([{ text: event.text }], false)
    case 'tool-call-end': {
      const part =
        event.toolIndex === 0 ? signedPart(functionCallPart(event), result) : functionCallPart(event)
      // A call that ends the answer shares its chunk with the finish reason, as Gemini's last chunk does.
      return respond([part], event.index === result.blocks.length - 1)
    }
    case 'finish':
      if (endsWithToolCall(result)) return undefined
      return respond([hasToolCall(result) ? { text: '' } : signedPart({ text: '' }, result)], true)
    default:
      return undefined
  }
}

function endsWithToolCall(result: ChatResult): boolean {
  return result.blocks.at(-1)?.type === 'toolCall'
}

function hasToolCall(result: ChatResult): boolean {
  return result.blocks.some((block) => block.type === 'toolCall')
}
