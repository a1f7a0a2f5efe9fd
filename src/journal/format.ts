/**
 * A compact, readable rendering of journal entries: what runners print when a test fails.
 * @module
 */
import type { JournalEntry } from './journal'

const WIDTH = 100

export function formatEntry(entry: JournalEntry): string {
  const head = `${entry.id} ${entry.method} ${entry.path}${entry.surface ? ` [${entry.surface}]` : ''} -> ${entry.response.status}`
  const answer = entry.fixture ? `fixture ${entry.fixture.id}` : entry.miss ? 'NO MATCH' : ''
  const lines = [`${head}${answer ? ` (${answer})` : ''}`]
  const request = entry.request
  if (request?.kind === 'chat') {
    const last = request.messages[request.messages.length - 1]
    if (last)
      lines.push(
        `    ${last.role}: ${clip(last.toolResult ? `[tool result ${last.toolResult.toolCallId}] ${last.text}` : last.text)}`,
      )
  } else if (request?.kind === 'embedding') {
    lines.push(`    input: ${clip(request.inputs.join(' | '))}`)
  } else if (request?.kind === 'search' || request?.kind === 'rerank') {
    lines.push(`    ${request.kind}: ${clip(request.query)}`)
  } else if (request?.kind === 'extract') {
    lines.push(`    extract: ${clip(request.urls.join(' | '))}`)
  } else if (request?.kind === 'moderation') {
    lines.push(`    moderation: ${clip(request.inputs.join(' | '))}`)
  } else if (request?.kind === 'tool-call') {
    lines.push(`    tools/call ${request.name} ${clip(JSON.stringify(request.arguments))}`)
  } else if (request?.kind === 'rpc') {
    lines.push(`    ${request.method} ${clip(JSON.stringify(request.params ?? {}))}`)
  } else if (request?.kind === 'vector') {
    const { dialect, operation, collection, namespace, topK } = request
    lines.push(
      `    ${dialect} ${operation}${collection === undefined ? '' : ` ${collection}`}${namespace ? ` (namespace ${namespace})` : ''}${topK === undefined ? '' : ` topK ${topK}`}`,
    )
  }
  const response = entry.response
  if (response.text) lines.push(`    answered: ${clip(response.text)}`)
  for (const call of response.toolCalls ?? [])
    lines.push(`    answered tool call: ${call.name} ${clip(call.arguments)}`)
  if (response.error) lines.push(`    error: ${clip(response.error.message, 400)}`)
  return lines.join('\n')
}

/** All entries, oldest first, or a note that there were none. */
export function formatJournal(entries: JournalEntry[], title = 'standin journal'): string {
  if (entries.length === 0) return `${title}: no requests reached the mock`
  return `${title} (${entries.length} request${entries.length === 1 ? '' : 's'}):\n${entries.map(formatEntry).join('\n')}`
}

function clip(text: string, width = WIDTH): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > width ? `${JSON.stringify(flat.slice(0, width - 3))}...` : JSON.stringify(flat)
}
