/**
 * Reading server-sent events with eventsource-parser (the parser the AI SDKs use), never by hand.
 * @module
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser'

/**
 * Reads a body one `reader.read()` at a time, feeding each piece to the SSE parser as it arrives. Returns
 * the events, and how many reads carried bytes with how many complete events each one finished: several
 * reads that each finish events mean the body arrived incrementally rather than in one piece.
 */
export async function readIncrementally(
  body: ReadableStream<Uint8Array>,
): Promise<{ reads: number; eventsPerRead: number[]; events: EventSourceMessage[] }> {
  const events: EventSourceMessage[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const decoder = new TextDecoder()
  const reader = body.getReader()
  const eventsPerRead: number[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!value?.byteLength) continue
    const before = events.length
    parser.feed(decoder.decode(value, { stream: true }))
    eventsPerRead.push(events.length - before)
  }
  parser.feed(decoder.decode())
  return { reads: eventsPerRead.length, eventsPerRead, events }
}

/** Every event of an SSE response body, in order. */
export async function readEvents(response: Response): Promise<EventSourceMessage[]> {
  return (await readIncrementally(response.body!)).events
}

/** The JSON payloads of an OpenAI-style stream, and whether it ended with `data: [DONE]`. */
export async function readJsonEvents(response: Response): Promise<{ chunks: any[]; done: boolean }> {
  const raw = await readEvents(response)
  const done = raw.at(-1)?.data === '[DONE]'
  const chunks = raw.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data))
  return { chunks, done }
}
