/**
 * A fixture's response as the events of one run: RUN_STARTED (echoing the request's threadId and runId),
 * then state, text and tool calls, then RUN_FINISHED, or RUN_ERROR. Text and tool call arguments are cut
 * with the core's chunking, so deltas look like a model's.
 * @see https://docs.ag-ui.com/concepts/events
 * @module
 */
import { chunkText } from '../../streaming/chunk'
import type { AguiEvent } from './events'
import type { AguiResponse, AguiToolCall } from './fixture'

export interface RunSite {
  threadId: string
  runId: string
  chunkSize: number
  /** `prefix` + 24 characters (reproducible on a seeded mock). */
  id(prefix: string): string
}

export function runEvents(response: AguiResponse, site: RunSite): AguiEvent[] {
  if (response.events) return framedRun(response.events, site)
  const events: AguiEvent[] = [runStarted(site)]
  if (response.stateSnapshot !== undefined)
    events.push({ type: 'STATE_SNAPSHOT', snapshot: response.stateSnapshot })
  if (response.stateDelta) events.push({ type: 'STATE_DELTA', delta: response.stateDelta })
  // Text and tool calls of one response are one assistant turn: one message holds them.
  const messageId = site.id('msg_')
  if (response.text !== undefined) events.push(...textMessage(messageId, response.text, site.chunkSize))
  for (const call of response.toolCalls ?? []) events.push(...toolCall(call, messageId, site))
  events.push(response.error ? { type: 'RUN_ERROR', ...response.error } : runFinished(site))
  return events
}

/** TEXT_MESSAGE_START, one TEXT_MESSAGE_CONTENT per chunk, TEXT_MESSAGE_END. */
export function textMessage(messageId: string, text: string, chunkSize: number): AguiEvent[] {
  return [
    { type: 'TEXT_MESSAGE_START', messageId, role: 'assistant' },
    ...chunkText(text, chunkSize).map((delta): AguiEvent => ({
      type: 'TEXT_MESSAGE_CONTENT',
      messageId,
      delta,
    })),
    { type: 'TEXT_MESSAGE_END', messageId },
  ]
}

function toolCall(call: AguiToolCall, parentMessageId: string, site: RunSite): AguiEvent[] {
  const toolCallId = call.id ?? site.id('call_')
  const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {})
  const events: AguiEvent[] = [
    { type: 'TOOL_CALL_START', toolCallId, toolCallName: call.name, parentMessageId },
    ...chunkText(args, site.chunkSize).map((delta): AguiEvent => ({
      type: 'TOOL_CALL_ARGS',
      toolCallId,
      delta,
    })),
    { type: 'TOOL_CALL_END', toolCallId },
  ]
  if (call.result !== undefined) {
    const messageId = site.id('msg_')
    events.push({ type: 'TOOL_CALL_RESULT', messageId, toolCallId, content: call.result, role: 'tool' })
  }
  return events
}

/**
 * Events given as a whole run: sent as written, except that the run is opened and closed when they do not
 * do it themselves, and RUN_STARTED/RUN_FINISHED always carry this request's ids (a recorded run's ids
 * belong to another thread, and an agent UI files the run under the ids it sent).
 */
function framedRun(given: AguiEvent[], site: RunSite): AguiEvent[] {
  const events = given.map((event) =>
    event.type === 'RUN_STARTED' || event.type === 'RUN_FINISHED'
      ? { ...event, threadId: site.threadId, runId: site.runId }
      : event,
  )
  const first = events[0]?.type
  if (first !== 'RUN_STARTED' && first !== 'RUN_ERROR') events.unshift(runStarted(site))
  const last = events.at(-1)!.type
  if (last !== 'RUN_FINISHED' && last !== 'RUN_ERROR') events.push(runFinished(site))
  return events
}

export function runStarted({ threadId, runId }: RunSite): AguiEvent {
  return { type: 'RUN_STARTED', threadId, runId }
}

export function runFinished({ threadId, runId }: RunSite): AguiEvent {
  return { type: 'RUN_FINISHED', threadId, runId }
}
