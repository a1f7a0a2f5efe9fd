/**
 * WHATWG `Request`/`Response` to and from the engine's internal request and reply. Used by `handle()`,
 * which MSW, `page.route` and direct unit tests call.
 * @module
 */
import { BodyTooLargeError, ConnectionCut, type Incoming, type Reply } from '../core/reply'

export function fromRequest(request: Request): Incoming {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    headerEntries: () => request.headers.entries(),
    signal: request.signal,
    async text(limit) {
      if (!request.body) return ''
      const reader = request.body.getReader()
      const decoder = new TextDecoder()
      let size = 0
      let text = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        if (size > limit) {
          await reader.cancel()
          throw new BodyTooLargeError(limit)
        }
        text += decoder.decode(value, { stream: true })
      }
      return text + decoder.decode()
    },
  }
}

export function toResponse(reply: Reply): Response {
  // A cut connection is a network error: fetch rejects with a TypeError, MSW answers one.
  if (reply.cut) return Response.error()
  const init = { status: reply.status, headers: reply.headers }
  if (reply.body === null || typeof reply.body === 'string' || reply.body instanceof Uint8Array) {
    return new Response(reply.body as BodyInit | null, init)
  }
  const iterator = reply.body[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<string | Uint8Array>
      try {
        next = await iterator.next()
      } catch (error) {
        // A cut stream errors as a dropped connection does in fetch: `TypeError: terminated`.
        if (error instanceof ConnectionCut)
          return controller.error(new TypeError('terminated', { cause: error }))
        throw error
      }
      if (next.done) controller.close()
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  return new Response(stream, init)
}
