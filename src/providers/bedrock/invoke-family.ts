/**
 * A model family's native body on InvokeModel: how its request reads and how its answer and stream chunks
 * are written. Bedrock passes these bodies through to the model, so each family speaks its own format.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { DecodedChat } from '../../canonical/decoded'
import type { DecodedChatResult } from '../provider'
import type { Json } from '../wire/json-guards'
import type { ConverseWire } from './converse-output'

export interface InvokeFamily {
  /** e.g. `anthropic`. */
  name: string
  /** True when this family reads the body sent to this model. */
  claims(body: Record<string, unknown>, modelId: string): boolean
  /** Throws a WireError naming the field for bodies the model rejects. */
  decode(body: Record<string, unknown>, options: { model: string; stream: boolean }): DecodedChat
  /** The response body of InvokeModel; `timing` knows when the request was decoded. */
  encode(result: ChatResult, timing: ConverseWire): Record<string, unknown>
  /** The JSON chunks of InvokeModelWithResponseStream for one canonical event. */
  chunks(event: StreamEvent, result: ChatResult, timing: ConverseWire): Array<Record<string, unknown>>
  /** Reads this family's answers back (record mode): the InvokeModel body, or the stream's decoded chunks. */
  response: {
    json(body: unknown): DecodedChatResult
    /** The JSON objects of the `chunk` events, in order (Bedrock's invocation metrics left in). */
    chunks(chunks: Json[]): DecodedChatResult
  }
}
