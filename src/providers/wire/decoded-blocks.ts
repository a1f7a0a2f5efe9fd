/**
 * Collapsing an answer's content blocks, as a response decoder (record mode) reads them off a wire, into a
 * canonical result's content: text and tool calls in wire order, reasoning, its signature and redacted
 * reasoning beside them. Wires that sign reasoning (Anthropic, Bedrock) share it.
 * @module
 */
import type { ChatResult, OutputBlock } from '../../canonical'

/** One content block as the result needs it. */
export type DecodedPiece =
  | { type: 'text'; text: string }
  | { type: 'tool'; id: string; name: string; arguments: string }
  | { type: 'reasoning'; text: string; signature: string }
  | { type: 'redacted'; data: string }

export type DecodedContent = Pick<
  ChatResult,
  'blocks' | 'reasoning' | 'reasoningSignature' | 'redactedReasoning'
>

/**
 * The result's content from the pieces in wire order (undefined ones, blocks the result does not model, are
 * skipped). A result holds one reasoning text: several reasoning blocks (interleaved thinking) are joined
 * with a blank line (empty ones, whose text the provider withheld, left out) and the first signature is kept.
 */
export function decodedContent(pieces: Iterable<DecodedPiece | undefined>): DecodedContent {
  const blocks: OutputBlock[] = []
  const thoughts: string[] = []
  const signatures: string[] = []
  const redacted: string[] = []
  for (const piece of pieces) {
    if (!piece) continue
    switch (piece.type) {
      case 'text':
        blocks.push({ type: 'text', text: piece.text })
        break
      case 'tool':
        blocks.push({
          type: 'toolCall',
          call: { id: piece.id, name: piece.name, arguments: piece.arguments },
        })
        break
      case 'reasoning':
        thoughts.push(piece.text)
        if (piece.signature !== '') signatures.push(piece.signature)
        break
      case 'redacted':
        redacted.push(piece.data)
        break
    }
  }
  return {
    blocks,
    ...(thoughts.length > 0 ? { reasoning: thoughts.filter((text) => text !== '').join('\n\n') } : {}),
    ...(signatures.length > 0 ? { reasoningSignature: signatures[0] } : {}),
    ...(redacted.length > 0 ? { redactedReasoning: redacted } : {}),
  }
}
