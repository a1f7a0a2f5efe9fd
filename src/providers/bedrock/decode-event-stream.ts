/**
 * Bedrock's response streams read back (record mode): AWS event stream messages, as `src/record/frames.ts`
 * reads them, become their events. `:message-type: event` messages carry a JSON body named by
 * `:event-type`; `exception` messages (`:exception-type: throttlingException`, `modelStreamErrorException`,
 * ...) and `error` messages (`:error-code`, `:error-message`) end the stream with an error, which is thrown,
 * as the AWS SDK throws it. InvokeModel's `chunk` events wrap the model family's own JSON in base64
 * (`{"bytes": "..."}`).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ResponseStream.html
 * @see https://smithy.io/2.0/spec/streaming.html#event-streams
 * @module
 */
import { isObject, type Json } from '../wire/json-guards'
import type { ConverseEventIn } from './decode-converse-response'

const decoder = new TextDecoder()

/** The events of a stream's messages, in order; `what` names the stream in errors. */
export function eventStreamEvents(frames: unknown[], what: string): ConverseEventIn[] {
  const events: ConverseEventIn[] = []
  for (const frame of frames) {
    if (!isObject(frame) || !isObject(frame.headers) || !(frame.payload instanceof Uint8Array)) {
      throw new Error(`${what}: a frame is not an event stream message`)
    }
    const headers = frame.headers as Record<string, string | undefined>
    const text = decoder.decode(frame.payload)
    switch (headers[':message-type'] ?? 'event') {
      case 'event':
        events.push({ type: headers[':event-type'] ?? '', body: payloadJson(text, what) })
        break
      case 'exception':
        throw new Error(
          `${what}: the upstream sent ${headers[':exception-type'] ?? 'an exception'}: ${exceptionMessage(text)}`,
        )
      case 'error':
        throw new Error(
          `${what}: the upstream sent an error: ${headers[':error-code'] ?? 'UnknownError'}: ${headers[':error-message'] ?? text}`,
        )
      default:
        // Message types added later.
        break
    }
  }
  return events
}

function payloadJson(text: string, what: string): unknown {
  if (text === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new Error(`${what}: an event's payload is not JSON: ${text.slice(0, 200)}`)
  }
}

/** An exception's `message` (its JSON body), else the payload's text. */
function exceptionMessage(text: string): string {
  try {
    const body = JSON.parse(text) as unknown
    if (isObject(body)) {
      const message = body.message ?? body.Message
      if (typeof message === 'string') {
        // ModelStreamErrorException relays the model's own status and message.
        const original =
          typeof body.originalMessage === 'string' ? ` (model said: ${body.originalMessage})` : ''
        return message + original
      }
    }
  } catch {
    // Not JSON: the text itself.
  }
  return text
}

/** The native JSON objects of InvokeModelWithResponseStream's `chunk` events, decoded from base64. */
export function invokeChunks(frames: unknown[], what: string): Json[] {
  const chunks: Json[] = []
  for (const { type, body } of eventStreamEvents(frames, what)) {
    if (type !== 'chunk') continue
    if (!isObject(body) || typeof body.bytes !== 'string') throw new Error(`${what}: a chunk has no bytes`)
    const text = Buffer.from(body.bytes, 'base64').toString('utf8')
    const chunk = payloadJson(text, what)
    if (!isObject(chunk)) throw new Error(`${what}: a chunk is not a JSON object: ${text.slice(0, 200)}`)
    chunks.push(chunk)
  }
  return chunks
}
