/**
 * The signature over a reasoning block, on wires that sign reasoning (Anthropic's `thinking.signature`,
 * Bedrock's `reasoningText.signature`): clients send it back untouched with the next turn.
 * @module
 */
import type { ChatResult } from '../../canonical'

/** Sent when a fixture gives reasoning without `reasoningSignature`. */
export const PLACEHOLDER_SIGNATURE = 'standin-placeholder-signature'

export function reasoningSignature(result: ChatResult): string {
  return result.reasoningSignature ?? PLACEHOLDER_SIGNATURE
}
