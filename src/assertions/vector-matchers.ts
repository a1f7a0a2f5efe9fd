/**
 * `toHaveQueried(collection, partial?)`: some vector query (Qdrant, Pinecone or Chroma) reached `collection`,
 * with `namespace`, `topK`, `filter` (the dialect's own filter, as sent), `dialect` or `canned` matching
 * `partial` (asymmetric matchers allowed). Runner-agnostic, like the other matchers.
 * @module
 */
import type { VectorOperation } from '../canonical'
import { formatJournal } from '../journal/format'
import { toSubject, type MatcherResult } from './subject'
import { diffLines, matchesPartial, show } from './partial'

interface Query {
  entryId: string
  operation: VectorOperation
}

export function toHaveQueried(
  received: unknown,
  collection: string,
  expected?: Record<string, unknown>,
): MatcherResult {
  const subject = toSubject(received)
  const queries: Query[] = subject.entries.flatMap((entry) =>
    entry.request?.kind === 'vector' && entry.request.operation === 'query'
      ? [{ entryId: entry.id, operation: entry.request }]
      : [],
  )
  const named = queries.filter((q) => q.operation.collection === collection)
  const hit = named.find((q) => expected === undefined || matchesPartial(q.operation, expected))
  const wanted = `collection ${JSON.stringify(collection)} to have been queried${expected === undefined ? '' : ` with ${show(expected)}`}`
  return {
    pass: hit !== undefined,
    message: () => {
      if (hit) return `expected NOT ${wanted}, but ${hit.entryId} shows it: ${describe(hit.operation)}`
      const lines = [
        `expected ${wanted}, but the journal holds ${queries.length} vector quer${queries.length === 1 ? 'y' : 'ies'}:`,
      ]
      lines.push(
        queries.length
          ? queries.map((q) => `  - ${describe(q.operation)} (${q.entryId})`).join('\n')
          : '  (none)',
      )
      const closest = named[0]
      if (closest && expected !== undefined)
        lines.push(`closest (${closest.entryId}):`, ...diffLines(expected, closest.operation))
      lines.push(formatJournal(subject.entries))
      return lines.join('\n')
    },
  }
}

function describe(op: VectorOperation): string {
  const parts = [`${op.dialect} ${op.collection ?? '?'}`]
  if (op.namespace) parts.push(`namespace ${JSON.stringify(op.namespace)}`)
  if (op.topK !== undefined) parts.push(`topK ${op.topK}`)
  if (op.filter !== undefined) parts.push(`filter ${show(op.filter)}`)
  if (op.canned) parts.push('canned')
  return parts.join(', ')
}
