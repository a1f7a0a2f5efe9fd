/**
 * The result of a streaming method (`message/stream`, `tasks/resubscribe`…): the `result`s to send as
 * Server-Sent Events, each in a JSON-RPC response with the call's id.
 * @module
 */

export class EventStream {
  constructor(readonly results: AsyncIterable<unknown>) {}

  /** A stream of results known now (a message reply, a task's last state). */
  static of(...results: unknown[]): EventStream {
    return new EventStream(
      (async function* () {
        yield* results
      })(),
    )
  }

  /** `items`, each encoded by `encode` as it arrives. */
  static map<T>(items: AsyncIterable<T>, encode: (item: T) => unknown): EventStream {
    return new EventStream(
      (async function* () {
        for await (const item of items) yield encode(item)
      })(),
    )
  }
}
