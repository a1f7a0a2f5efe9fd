/**
 * What the journal records of an AG-UI run, in the canonical model the matchers read: the RunAgentInput as
 * a chat request (so `toHaveReceivedMessage` and `toHaveCalledTool`, through tool results sent back, see
 * it) and the events sent as a response's text, tool calls and error (so `toHaveReturnedToolCall` sees the
 * tool calls an agent UI was asked to run).
 * @module
 */
import type { ChatMessage, ChatRequest, Role, ToolCall } from '../../canonical'
import type { JournalResponse } from '../../journal/journal'
import type { AguiEvent } from './events'
import { messageText, type AguiMessage, type AguiRunInput } from './run-input'

export const AGUI_SURFACE = 'agui'

/** The run as a chat request: system and developer text as `system`, the rest as messages. */
export function chatView(input: AguiRunInput): ChatRequest {
  const system: string[] = []
  const messages: ChatMessage[] = []
  for (const message of input.messages) {
    if (message.role === 'system' || message.role === 'developer') system.push(messageText(message.content))
    else if (message.role === 'user' || message.role === 'assistant' || message.role === 'tool')
      messages.push(chatMessage(message, message.role))
  }
  return {
    kind: 'chat',
    surface: AGUI_SURFACE,
    provider: AGUI_SURFACE,
    system: system.join('\n'),
    messages,
    tools: input.tools.map(({ name, description, parameters }) => ({ name, description, parameters })),
    stream: true,
  }
}

function chatMessage(message: AguiMessage, role: Role): ChatMessage {
  const out: ChatMessage = { role, text: messageText(message.content) }
  if (message.toolCalls?.length) {
    out.toolCalls = message.toolCalls.map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    }))
  }
  if (role === 'tool' && message.toolCallId !== undefined) {
    out.toolResult = { toolCallId: message.toolCallId, content: out.text }
    if (message.error !== undefined) out.toolResult.isError = true
  }
  return out
}

/** The events sent, summarised: the text of text messages, the tool calls, and RUN_ERROR as the error. */
export function journalResponse(events: AguiEvent[], status = 200): JournalResponse {
  const texts = new Map<string, string>()
  const calls = new Map<string, ToolCall>()
  let lastMessage = ''
  let lastCall = ''
  const response: JournalResponse = { status, stream: true }
  for (const event of events) {
    const id = (field: string, last: string) =>
      typeof event[field] === 'string' ? (event[field] as string) : last
    switch (event.type) {
      case 'TEXT_MESSAGE_START':
      case 'TEXT_MESSAGE_CONTENT':
      case 'TEXT_MESSAGE_CHUNK':
        lastMessage = id('messageId', lastMessage)
        texts.set(lastMessage, (texts.get(lastMessage) ?? '') + String(event.delta ?? ''))
        break
      case 'TOOL_CALL_START':
      case 'TOOL_CALL_ARGS':
      case 'TOOL_CALL_CHUNK': {
        lastCall = id('toolCallId', lastCall)
        const call = calls.get(lastCall) ?? { id: lastCall, name: '', arguments: '' }
        if (typeof event.toolCallName === 'string') call.name = event.toolCallName
        call.arguments += String(event.delta ?? '')
        calls.set(lastCall, call)
        break
      }
      case 'RUN_ERROR':
        response.error = { message: String(event.message ?? ''), type: 'run_error' }
        if (typeof event.code === 'string') response.error.code = event.code
    }
  }
  if (texts.size > 0) response.text = [...texts.values()].join('\n')
  if (calls.size > 0) response.toolCalls = [...calls.values()]
  return response
}
