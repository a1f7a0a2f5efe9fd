/**
 * Record mode's reader of an upstream Live turn: the turn ends with `serverContent.turnComplete`, or with a
 * `toolCall` (the model waits for the client's `toolResponse`). Text comes from the model turn's text parts
 * (thoughts left out), or, for an audio answer, from `outputTranscription`; function calls from `toolCall`;
 * usage from `usageMetadata`. Audio bytes are not kept: replay speaks the transcript as the mock's tone.
 * Live reports errors by closing the socket, which the recorder reports itself.
 * @see https://ai.google.dev/api/live#bidigeneratecontentservermessage
 * @module
 */
import type { OutputBlock } from '../../canonical'
import type { DecodedChatResult } from '../provider'
import type { WsRecording } from '../../websocket/surface'
import { isObject, type Json } from '../wire/json-guards'

export const liveRecording: WsRecording = {
  ends: (message) =>
    isObject(message) &&
    (isObject(message.toolCall) ||
      (isObject(message.serverContent) && message.serverContent.turnComplete === true)),
  read(messages) {
    let text = ''
    let transcript = ''
    const calls: OutputBlock[] = []
    let usage: Json | undefined
    for (const message of messages) {
      if (!isObject(message)) continue
      if (isObject(message.usageMetadata)) usage = message.usageMetadata
      const content = message.serverContent
      if (isObject(content)) {
        const parts = isObject(content.modelTurn) ? content.modelTurn.parts : undefined
        if (Array.isArray(parts))
          for (const part of parts)
            if (isObject(part) && typeof part.text === 'string' && part.thought !== true) text += part.text
        if (isObject(content.outputTranscription) && typeof content.outputTranscription.text === 'string')
          transcript += content.outputTranscription.text
      }
      const functionCalls = isObject(message.toolCall) ? message.toolCall.functionCalls : undefined
      if (Array.isArray(functionCalls))
        for (const call of functionCalls) {
          if (!isObject(call)) continue
          calls.push({
            type: 'toolCall',
            call: {
              id: typeof call.id === 'string' ? call.id : '',
              name: String(call.name),
              arguments: JSON.stringify(call.args ?? {}),
            },
          })
        }
    }
    const said = text || transcript
    const blocks: OutputBlock[] = said ? [{ type: 'text', text: said }, ...calls] : calls
    const result: DecodedChatResult = {
      kind: 'chat',
      blocks,
      finishReason: calls.length > 0 ? 'tool_calls' : 'stop',
    }
    if (usage) {
      const out: NonNullable<DecodedChatResult['usage']> = {}
      if (typeof usage.promptTokenCount === 'number') out.inputTokens = usage.promptTokenCount
      const output = usage.responseTokenCount ?? usage.candidatesTokenCount
      if (typeof output === 'number') out.outputTokens = output
      result.usage = out
    }
    return result
  },
}
