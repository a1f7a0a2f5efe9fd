/**
 * Reading journals of every provider through the canonical model: the tools the app executed, the tool
 * calls the mock returned, the messages it received.
 * @module
 */
import type { ChatMessage, ToolCall } from '../canonical'
import type { JournalEntry } from '../journal/journal'

export interface ToolUse {
  name: string
  /** Parsed arguments (the raw string when it is not JSON). */
  args: unknown
  /** Where it was seen: an LLM request carrying the tool's result, or an MCP `tools/call`. */
  via: string
  entryId: string
}

export function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Tools the app executed: an MCP `tools/call` that reached the mock, or a tool result for a call of that
 * name sent back to an LLM. A result repeated in later turns' history counts once.
 */
export function calledTools(entries: JournalEntry[]): ToolUse[] {
  const seen = new Set<string>()
  const uses: ToolUse[] = []
  for (const entry of entries) {
    const request = entry.request
    if (!request) continue
    if (request.kind === 'tool-call') {
      uses.push({
        name: request.name,
        args: request.arguments,
        via: entry.surface ?? 'mcp',
        entryId: entry.id,
      })
      continue
    }
    if (request.kind !== 'chat') continue
    const calls = new Map<string, ToolCall>()
    for (const message of request.messages)
      for (const call of message.toolCalls ?? []) calls.set(call.id, call)
    for (const message of request.messages) {
      const result = message.toolResult
      if (!result) continue
      const key = `${entry.session}\u0000${result.toolCallId}`
      if (seen.has(key)) continue
      seen.add(key)
      const call = calls.get(result.toolCallId)
      const name = call?.name ?? result.name
      if (!name) continue
      uses.push({
        name,
        args: call ? parseArguments(call.arguments) : undefined,
        via: `${entry.surface} tool result`,
        entryId: entry.id,
      })
    }
  }
  return uses
}

/** Tool calls the mock answered the model's side with. */
export function returnedToolCalls(entries: JournalEntry[]): ToolUse[] {
  const uses: ToolUse[] = []
  for (const entry of entries) {
    for (const call of entry.response.toolCalls ?? []) {
      uses.push({
        name: call.name,
        args: parseArguments(call.arguments),
        via: entry.surface ?? '',
        entryId: entry.id,
      })
    }
  }
  return uses
}

export interface SeenMessage {
  role: ChatMessage['role']
  text: string
  entryId: string
}

/** Every message of every chat request (history included), deduplicated per session by role and text. */
export function receivedMessages(entries: JournalEntry[]): SeenMessage[] {
  const seen = new Set<string>()
  const out: SeenMessage[] = []
  for (const entry of entries) {
    if (entry.request?.kind === 'rpc') {
      const text = rpcMessageText(entry.request.params)
      const key = `${entry.session}\u0000user\u0000${text}`
      if (text === undefined || text === '' || seen.has(key)) continue
      seen.add(key)
      out.push({ role: 'user', text, entryId: entry.id })
      continue
    }
    if (entry.request?.kind !== 'chat') continue
    const messages = entry.request.system
      ? [
          { role: 'system' as const, text: entry.request.system },
          ...entry.request.messages.filter((m) => m.role !== 'system'),
        ]
      : entry.request.messages
    for (const message of messages) {
      const key = `${entry.session}\u0000${message.role}\u0000${message.text}`
      if (seen.has(key) || message.text === '') continue
      seen.add(key)
      out.push({ role: message.role, text: message.text, entryId: entry.id })
    }
  }
  return out
}

/**
 * The text of the message an RPC call carries: an A2A `message/send`, `SendMessage` or their streaming
 * forms (`params.message.parts`, text parts as `{ text }` in v1.0 and `{ kind: 'text', text }` in v0.3).
 */
function rpcMessageText(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined
  const message = (params as { message?: unknown }).message
  if (typeof message !== 'object' || message === null) return undefined
  const parts = (message as { parts?: unknown }).parts
  if (!Array.isArray(parts)) return undefined
  return parts
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('')
}

/** The fields `toHaveReceivedRequest` compares: the canonical request plus where it arrived. */
export function requestView(entry: JournalEntry): Record<string, unknown> {
  const request = entry.request
  const view: Record<string, unknown> = {
    method: entry.method,
    path: entry.path,
    session: entry.session,
    surface: entry.surface,
    provider: entry.provider,
    status: entry.response.status,
    matched: entry.fixture !== null,
    fixture: entry.fixture?.id,
  }
  if (!request) return view
  view.kind = request.kind
  view.model = request.model
  if (request.kind === 'chat') {
    view.system = request.system
    view.messages = request.messages
    view.tools = request.tools.map((t) => t.name)
    view.stream = request.stream
    view.responseFormat = request.responseFormat?.type
    view.lastUserMessage = [...request.messages].reverse().find((m) => m.role === 'user')?.text
  } else if (request.kind === 'embedding' || request.kind === 'moderation') {
    view.inputs = request.inputs
  } else if (request.kind === 'search') {
    view.query = request.query
  } else if (request.kind === 'extract') {
    view.urls = request.urls
  } else if (request.kind === 'rerank') {
    view.query = request.query
    view.documents = request.documents
  } else if (request.kind === 'tool-call') {
    view.tool = request.name
    view.arguments = request.arguments
  } else if (request.kind === 'vector') {
    const { kind: _kind, surface: _surface, provider: _provider, model: _model, ...operation } = request
    Object.assign(view, operation)
  } else {
    view.rpcMethod = request.method
    view.params = request.params
  }
  return view
}
