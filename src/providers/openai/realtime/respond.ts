/**
 * One Realtime response on the wire: the turn's canonical stream events as `response.created`, output items
 * and content parts, text or audio (transcript and PCM16) deltas, function-call argument deltas, their
 * `done` events and `response.done` with usage; a cancelled response ends with `response.done` status
 * `cancelled`. The model's items join the conversation (unless the response is out of band).
 * @module
 */
import type { ChatResult, StreamEvent } from '../../../canonical'
import type { WsConnection, WsRateLimit } from '../../../websocket/surface'
import type { Json } from '../../wire/json-guards'
import { tone } from './audio'
import type { Conversation } from './conversation'
import type { Dialect } from './dialect'

export interface ResponseRun {
  connection: WsConnection
  dialect: Dialect
  /** The conversation the output joins; undefined for `conversation: 'none'`. */
  conversation: Conversation | undefined
  /** The response object as `response.created` shows it. */
  response: Json
  audio: boolean
  events: AsyncIterable<StreamEvent>
  /** The fixture's own audio (`response.audio`), sent instead of the tone, in step with the transcript. */
  spoken?: Buffer | undefined
  /** The characters of text the turn speaks, to share the fixture's audio out among the transcript deltas. */
  spokenLength: number
  /** Aborted by `response.cancel`. */
  cancelled: AbortSignal
  /** With `rateLimits` on: sent as `rate_limits.updated` once the response is created. */
  rateLimits?: WsRateLimit[] | undefined
}

export async function streamResponse(run: ResponseRun): Promise<void> {
  const { connection: ws, dialect, response, audio } = run
  const responseId = response.id as string
  const output: Json[] = []
  const event = (type: string, fields: Json) => ws.send({ type, event_id: ws.id('event_'), ...fields })
  const at = (item: Json) => ({
    response_id: responseId,
    item_id: item.id,
    output_index: output.indexOf(item),
  })
  let item: Json = {}
  let text = ''
  let samples = 0
  let spokenChars = 0
  let result: ChatResult | undefined

  const added = async (next: Json) => {
    item = next
    output.push(next)
    const previous = run.conversation?.add(next) ?? null
    await event('response.output_item.added', {
      response_id: responseId,
      output_index: output.length - 1,
      item: next,
    })
    await event(dialect.beta ? 'conversation.item.created' : 'conversation.item.added', {
      previous_item_id: previous,
      item: next,
    })
  }
  const done = async (finished: Json) => {
    await event('response.output_item.done', {
      response_id: responseId,
      output_index: output.indexOf(finished),
      item: finished,
    })
    if (!dialect.beta) await event('conversation.item.done', { item: finished })
  }

  await event('response.created', { response: { ...response, status: 'in_progress', output: [] } })
  // "Emitted at the beginning of a Response to indicate the updated rate limits" (the SDK's types).
  if (run.rateLimits) await event('rate_limits.updated', { rate_limits: run.rateLimits })
  for await (const e of run.events) {
    switch (e.type) {
      case 'text-start': {
        text = ''
        await added({
          id: ws.id('item_'),
          object: 'realtime.item',
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        })
        await event('response.content_part.added', {
          ...at(item),
          content_index: 0,
          part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' },
        })
        break
      }
      case 'text-delta': {
        text += e.text
        if (!audio) {
          await event(dialect.textDelta, { ...at(item), content_index: 0, delta: e.text })
          break
        }
        await event(dialect.transcriptDelta, { ...at(item), content_index: 0, delta: e.text })
        spokenChars += e.text.length
        const chunk = run.spoken
          ? share(run.spoken, spokenChars, run.spokenLength, samples)
          : tone([...e.text].length, samples)
        samples += chunk.length / 2
        if (chunk.length > 0)
          await event(dialect.audioDelta, { ...at(item), content_index: 0, delta: chunk.toString('base64') })
        break
      }
      case 'text-end': {
        const part = audio ? { type: 'audio', transcript: text } : { type: 'text', text }
        if (audio) {
          await event(dialect.audioDone, { ...at(item), content_index: 0 })
          await event(dialect.transcriptDone, { ...at(item), content_index: 0, transcript: text })
        } else await event(dialect.textDone, { ...at(item), content_index: 0, text })
        await event('response.content_part.done', { ...at(item), content_index: 0, part })
        item.status = 'completed'
        item.content = [
          audio ? { type: dialect.audioContent, transcript: text } : { type: dialect.textContent, text },
        ]
        await done(item)
        break
      }
      case 'tool-call-start':
        await added({
          id: ws.id('item_'),
          object: 'realtime.item',
          type: 'function_call',
          status: 'in_progress',
          name: e.name,
          call_id: e.id,
          arguments: '',
        })
        break
      case 'tool-call-delta':
        await event('response.function_call_arguments.delta', {
          ...at(item),
          call_id: e.id,
          delta: e.argumentsDelta,
        })
        break
      case 'tool-call-end':
        await event('response.function_call_arguments.done', {
          ...at(item),
          call_id: e.id,
          name: e.name,
          arguments: e.arguments,
        })
        item.status = 'completed'
        item.arguments = e.arguments
        await done(item)
        break
      case 'finish':
        result = e.result
        break
      default:
        break
    }
  }
  if (result) {
    await event('response.done', {
      response: { ...response, status: 'completed', output, usage: usage(result, samples) },
    })
  } else if (run.cancelled.aborted) {
    for (const open of output) if (open.status === 'in_progress') open.status = 'incomplete'
    const status_details = { type: 'cancelled', reason: 'client_cancelled' }
    await event('response.done', {
      response: { ...response, status: 'cancelled', status_details, output, usage: null },
    })
  }
}

/** The fixture audio's share up to `chars` of `total` characters, from sample `from` (whole samples; the rest at the end). */
function share(audio: Buffer, chars: number, total: number, from: number): Buffer {
  const end = chars >= total ? audio.length : Math.floor((audio.length * chars) / total / 2) * 2
  return audio.subarray(from * 2, Math.max(from * 2, end))
}

/** Usage from the result's token counts; output audio counts a token per 50 ms (an estimate). */
function usage(result: ChatResult, samples: number) {
  const { inputTokens, outputTokens } = result.usage
  const audioTokens = Math.ceil(samples / (24_000 / 20))
  return {
    total_tokens: inputTokens + outputTokens + audioTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens + audioTokens,
    input_token_details: {
      text_tokens: inputTokens,
      audio_tokens: 0,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outputTokens, audio_tokens: audioTokens },
  }
}
