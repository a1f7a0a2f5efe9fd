/**
 * The model id of a Bedrock runtime request: the `{modelId}` path label, which the AWS SDK percent-encodes
 * (`us.anthropic.claude-3-5-sonnet-20241022-v2%3A0`, ARNs with `%2F`). Raw clients may send it unencoded,
 * which the greedy route label accepts too.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax
 * @module
 */
import { decodePathSegment } from '../../core/path-segment'
import type { DecodeContext } from '../provider'

export function modelIdOf(context: DecodeContext): string {
  return decodePathSegment(context.params.modelId ?? '')
}

/** True when the request came in on a streaming route (`converse-stream`, `invoke-with-response-stream`). */
export function isStreamRoute(context: DecodeContext): boolean {
  return /\/(converse-stream|invoke-with-response-stream)\/?$/.test(context.url.pathname)
}
