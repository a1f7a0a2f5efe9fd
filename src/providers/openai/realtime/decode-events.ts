/**
 * Record mode's reader of an upstream Realtime turn: the turn ends with `response.done` (or an `error`
 * event), and `response.done` carries the whole response: its output items (messages with text or an audio
 * transcript, function calls) and usage. Audio bytes are not kept: a recording's text is the transcript, and
 * replay speaks it as the mock's tone.
 * @see https://platform.openai.com/docs/api-reference/realtime-server-events/response/done
 * @module
 */
import type { OutputBlock } from '../../../canonical'
import type { DecodedChatResult } from '../../provider'
import type { WsRecording } from '../../../websocket/surface'
import { isObject, type Json } from '../../wire/json-guards'

export const realtimeRecording: WsRecording = {
  ends: (event) => isObject(event) && (event.type === 'response.done' || event.type === 'error'),
  read(events) {
    const last = events.at(-1)
    if (!isObject(last)) throw new Error('Realtime: the turn ended without response.done')
    if (last.type === 'error') {
      const error = isObject(last.error) ? last.error : {}
      throw new Error(`Realtime error event: ${String(error.code ?? error.type)}: ${String(error.message)}`)
    }
    const response = last.response
    if (!isObject(response) || !Array.isArray(response.output))
      throw new Error('Realtime: response.done without response.output')
    const status = response.status
    if (status === 'failed' || status === 'cancelled') {
      const details = isObject(response.status_details) ? JSON.stringify(response.status_details) : ''
      throw new Error(`Realtime: the response ended ${status} ${details}`.trim())
    }
    const blocks: OutputBlock[] = []
    for (const item of response.output) {
      if (!isObject(item)) continue
      if (item.type === 'function_call') {
        blocks.push({
          type: 'toolCall',
          call: {
            id: typeof item.call_id === 'string' ? item.call_id : '',
            name: String(item.name),
            arguments: typeof item.arguments === 'string' ? item.arguments : '{}',
          },
        })
      } else if (item.type === 'message' && Array.isArray(item.content)) {
        const text = item.content.map(partText).join('')
        if (text) blocks.push({ type: 'text', text })
      }
    }
    const calls = blocks.some((b) => b.type === 'toolCall')
    const result: DecodedChatResult = {
      kind: 'chat',
      blocks,
      finishReason: calls ? 'tool_calls' : status === 'incomplete' ? 'length' : 'stop',
    }
    if (typeof response.id === 'string') result.id = response.id
    if (isObject(response.usage)) result.usage = usageOf(response.usage)
    return result
  },
}

/** A content part's text: GA `output_text`/`output_audio`, beta `text`/`audio` (its transcript). */
function partText(part: unknown): string {
  if (!isObject(part)) return ''
  if (typeof part.text === 'string') return part.text
  if (typeof part.transcript === 'string') return part.transcript
  return ''
}

function usageOf(usage: Json): DecodedChatResult['usage'] {
  const out: NonNullable<DecodedChatResult['usage']> = {}
  if (typeof usage.input_tokens === 'number') out.inputTokens = usage.input_tokens
  if (typeof usage.output_tokens === 'number') out.outputTokens = usage.output_tokens
  return out
}
