/**
 * One event of a Bedrock response stream: an AWS event-stream message whose `:event-type` header names the
 * event and whose payload is its JSON body.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 * @module
 */
import type { EventStreamMessage } from '../../streaming/aws-event-stream'

export function eventMessage(type: string, body: unknown): EventStreamMessage {
  return {
    headers: { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    payload: JSON.stringify(body),
  }
}
