/**
 * The facts of a request that fixtures match on, computed once per request.
 * @module
 */
import type { CanonicalRequest, ChatMessage, ChatRequest } from '../canonical'

export interface RequestFacts {
  request: CanonicalRequest
  kind: CanonicalRequest['kind']
  /** Text of the last user message that has text (`undefined` when there is none). */
  lastUserText: string | undefined
  systemText: string
  inputText: string
  model: string | undefined
  toolNames: string[]
  lastMessage: ChatMessage | undefined
  responseFormat: string | undefined
  assistantCount: number
  currentTurnHasToolResult: boolean
  /**
   * The tool results after the last user message, each with the name of its tool: from the wire, else
   * from the assistant message whose call it answers (linked by id). The tool-call loop guard reads it.
   */
  currentTurnToolResults: TurnToolResult[]
  context: string | undefined
  /**
   * What a service request's match field reads: the query (search, rerank), each URL (extract) or each
   * input (moderation). Empty for chat and embeddings.
   */
  serviceTexts: string[]
}

export interface TurnToolResult {
  toolCallId: string
  /** Undefined when neither the wire nor an earlier assistant message names the tool. */
  name: string | undefined
}

export function requestFacts(request: CanonicalRequest, context: string | undefined): RequestFacts {
  if (request.kind !== 'chat') {
    return {
      request,
      kind: request.kind,
      lastUserText: undefined,
      systemText: '',
      inputText: request.kind === 'embedding' ? request.inputs.join(' ') : '',
      model: request.model,
      toolNames: [],
      lastMessage: undefined,
      responseFormat: undefined,
      assistantCount: 0,
      currentTurnHasToolResult: false,
      currentTurnToolResults: [],
      context,
      serviceTexts: serviceTexts(request),
    }
  }
  const messages = request.messages
  let lastUserIndex = -1
  let assistantCount = 0
  let lastUserText: string | undefined
  // Tool messages after the last user message (all of them when there is none): the current turn's.
  let currentTurnHasToolResult = false
  for (let i = messages.length - 1; i >= 0; i--) {
    const { role, text } = messages[i]!
    if (role === 'user') {
      if (lastUserIndex < 0) lastUserIndex = i
      // Some SDKs send an attachment-only user message after the prompt text: it has no text to match on.
      if (lastUserText === undefined && text !== '') lastUserText = text
    } else if (role === 'assistant') assistantCount++
    else if (role === 'tool' && lastUserIndex < 0) currentTurnHasToolResult = true
  }
  if (lastUserText === undefined && lastUserIndex >= 0) lastUserText = ''
  const tools = request.tools
  return {
    request,
    kind: 'chat',
    lastUserText,
    systemText: request.system,
    inputText: '',
    model: request.model,
    toolNames: tools.length === 0 ? [] : tools.map((t) => t.name),
    lastMessage: messages[messages.length - 1],
    responseFormat: request.responseFormat?.type,
    assistantCount,
    currentTurnHasToolResult,
    currentTurnToolResults: currentTurnHasToolResult
      ? turnToolResults(messages, lastUserIndex)
      : NO_TOOL_RESULTS,
    context,
    serviceTexts: [],
  }
}

/** The tool results of a turn without any (most requests): one list for all, never changed. */
// Frozen: a push onto it by mistake throws instead of giving every later request its results.
const NO_TOOL_RESULTS = Object.freeze([]) as unknown as TurnToolResult[]

function serviceTexts(request: Exclude<CanonicalRequest, ChatRequest>): string[] {
  if (request.kind === 'search' || request.kind === 'rerank') return [request.query]
  if (request.kind === 'extract') return request.urls
  if (request.kind === 'moderation') return request.inputs
  return []
}

function turnToolResults(messages: ChatMessage[], lastUserIndex: number): TurnToolResult[] {
  const results: TurnToolResult[] = []
  let callNames: Map<string, string> | undefined
  for (let i = lastUserIndex + 1; i < messages.length; i++) {
    const result = messages[i]!.toolResult
    if (messages[i]!.role !== 'tool' || !result) continue
    let name = result.name
    if (name === undefined) {
      callNames ??= namesOfCalls(messages)
      name = callNames.get(result.toolCallId)
    }
    results.push({ toolCallId: result.toolCallId, name })
  }
  return results
}

function namesOfCalls(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const message of messages) for (const call of message.toolCalls ?? []) names.set(call.id, call.name)
  return names
}
