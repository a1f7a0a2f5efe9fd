/**
 * Where a canonical result's parts go in a Cohere answer. Text becomes content items, except when the
 * answer calls tools: Cohere's model then writes its text as the `tool_plan` before the calls, and no
 * content. Reasoning is a `thinking` content item before the text.
 * @see https://docs.cohere.com/docs/tool-use-streaming
 * @module
 */
import { resultToolCalls, type ChatResult } from '../../canonical'

export function isToolPlan(result: ChatResult): boolean {
  return resultToolCalls(result).length > 0
}

/** The content index of the text block at `blockIndex` (after the thinking item, if any). */
export function contentIndex(result: ChatResult, blockIndex: number): number {
  let index = result.reasoning ? 1 : 0
  for (let i = 0; i < blockIndex; i++) if (result.blocks[i]?.type === 'text') index++
  return index
}
