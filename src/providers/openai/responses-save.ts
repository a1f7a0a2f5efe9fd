/**
 * Keeping a finished response for `previous_response_id`, `item_reference` and `GET /v1/responses/{id}`
 * (unless the request said `store: false`).
 * @module
 */
import type { ChatResult } from '../../canonical'
import { resultText, resultToolCalls } from '../../canonical'
import { assistantMessage } from '../wire/chat-messages'
import type { Json } from '../wire/json-guards'
import type { ResponsesWire } from './responses-decode'
import { itemId, outputIndex, responseObject } from './responses-output'
import type { ItemContribution } from './responses-store'

/** The final Response object, kept in the store when the request allows it. */
export function saveResponse(result: ChatResult, wire: ResponsesWire): Json {
  const body = responseObject(result, wire, true)
  if (wire.store) {
    // The output as one canonical assistant turn, as the input decoder merges it when it comes back.
    const output = assistantMessage(resultText(result), resultToolCalls(result))
    const conversation = [...wire.conversation, output]
    wire.store.save(result.id, { body, conversation }, itemContributions(result))
  }
  return body
}

function itemContributions(result: ChatResult): Array<[string, ItemContribution]> {
  const items: Array<[string, ItemContribution]> = result.reasoning
    ? [[itemId(result, 'rs', 0), { kind: 'none' }]]
    : []
  result.blocks.forEach((block, index) => {
    const at = outputIndex(result, index)
    items.push(
      block.type === 'text'
        ? [itemId(result, 'msg', at), { kind: 'assistant-text', text: block.text }]
        : [itemId(result, 'fc', at), { kind: 'tool-call', call: block.call }],
    )
  })
  return items
}
