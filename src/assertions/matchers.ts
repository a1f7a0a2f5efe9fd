/**
 * The test matchers, written once as runner-agnostic functions `(subject, ...expected) => { pass, message }`.
 * Vitest, Jest and Playwright each register these same functions.
 * @module
 */
import type { JournalFilter } from '../journal/journal'
import { formatJournal } from '../journal/format'
import { calledTools, receivedMessages, requestView, returnedToolCalls, type ToolUse } from './journal-facts'
import { diffLines, matchesPartial, show } from './partial'
import { serviceMatchers } from './service-matchers'
import { toSubject, type MatcherResult } from './subject'
import { toHaveQueried } from './vector-matchers'

export { toSubject, type MatcherResult, type MatcherSubject } from './subject'

function listUses(uses: ToolUse[]): string {
  if (uses.length === 0) return '  (none)'
  return uses.map((u) => `  - ${u.name} ${show(u.args)}  (${u.entryId}, ${u.via})`).join('\n')
}

function toolMatcher(kind: 'called' | 'returned') {
  const verb = kind === 'called' ? 'the app to have called tool' : 'the mock to have returned a tool call to'
  const collect = kind === 'called' ? calledTools : returnedToolCalls
  return (received: unknown, name: string, args?: unknown): MatcherResult => {
    const subject = toSubject(received)
    const uses = collect(subject.entries)
    const named = uses.filter((u) => u.name === name)
    const hit = named.find((u) => args === undefined || matchesPartial(u.args, args))
    const wanted = `${verb} ${JSON.stringify(name)}${args === undefined ? '' : ` with arguments matching ${show(args)}`}`
    return {
      pass: hit !== undefined,
      message: () => {
        if (hit) return `expected NOT ${wanted}, but ${hit.entryId} shows it:\n${listUses([hit])}`
        const lines = [
          `expected ${wanted}, but the journal holds ${uses.length} tool call(s):`,
          listUses(uses),
        ]
        const closest = named[0]
        if (closest && args !== undefined)
          lines.push(`closest (${closest.entryId}):`, ...diffLines(args, closest.args))
        if (kind === 'called' && uses.length === 0) {
          const returned = returnedToolCalls(subject.entries).filter((u) => u.name === name)
          if (returned.length > 0) {
            lines.push(
              `note: the mock returned a "${name}" tool call, but no result for it came back (did the app run the tool?)`,
            )
          }
        }
        lines.push(formatJournal(subject.entries))
        return lines.join('\n')
      },
    }
  }
}

export const toHaveCalledTool = toolMatcher('called')
export const toHaveReturnedToolCall = toolMatcher('returned')

export function toHaveReceivedMessage(
  received: unknown,
  text: string | RegExp,
  options: { role?: 'user' | 'system' | 'assistant' | 'tool' } = {},
): MatcherResult {
  const subject = toSubject(received)
  const role = options.role
  const messages = receivedMessages(subject.entries).filter((m) => role === undefined || m.role === role)
  const test = (value: string) => (typeof text === 'string' ? value.includes(text) : text.test(value))
  const hit = messages.find((m) => test(m.text))
  const what = typeof text === 'string' ? `containing ${JSON.stringify(text)}` : `matching ${text}`
  const wanted =
    role === undefined ? `a message (of any role) ${what}` : `${article(role)} ${role} message ${what}`
  return {
    pass: hit !== undefined,
    message: () =>
      hit
        ? `expected the mock NOT to have received ${wanted}, but ${hit.entryId} has: ${JSON.stringify(hit.text)}`
        : [
            `expected the mock to have received ${wanted}; it received:`,
            messages.length
              ? messages.map((m) => `  - ${m.role}: ${JSON.stringify(m.text)} (${m.entryId})`).join('\n')
              : '  (none)',
          ].join('\n'),
  }
}

export function toHaveReceivedRequest(
  received: unknown,
  expected: Record<string, unknown> = {},
): MatcherResult {
  const subject = toSubject(received)
  const views = subject.entries.map(requestView)
  const hit = views.findIndex((view) => matchesPartial(view, expected))
  return {
    pass: hit >= 0,
    message: () => {
      if (hit >= 0)
        return `expected no request matching ${show(expected)}, but ${subject.entries[hit]!.id} matches`
      const lines = [`expected a request matching ${show(expected)}`]
      const closest = closestView(views, expected)
      if (closest !== undefined)
        lines.push(`closest (${subject.entries[closest]!.id}):`, ...diffLines(expected, views[closest]))
      lines.push(formatJournal(subject.entries))
      return lines.join('\n')
    },
  }
}

function closestView(
  views: Record<string, unknown>[],
  expected: Record<string, unknown>,
): number | undefined {
  let best: number | undefined
  let bestScore = -1
  views.forEach((view, i) => {
    const score = Object.entries(expected).filter(([k, v]) => matchesPartial(view[k], v)).length
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  })
  return best
}

export function toHaveServedFixture(received: unknown, id: string): MatcherResult {
  const subject = toSubject(received)
  const served = subject.entries.filter((e) => e.fixture?.id === id)
  return {
    pass: served.length > 0,
    message: () =>
      served.length > 0
        ? `expected fixture ${JSON.stringify(id)} NOT to have been served, but it answered ${served.map((e) => e.id).join(', ')}`
        : `expected fixture ${JSON.stringify(id)} to have been served\n${formatJournal(subject.entries)}`,
  }
}

export function toHaveUsedAllFixtures(received: unknown): MatcherResult {
  const subject = toSubject(received)
  const served = new Set(subject.entries.map((e) => e.fixture?.id))
  const unused = subject.fixtures.filter((f) => !served.has(f.id))
  return {
    pass: unused.length === 0,
    message: () =>
      unused.length === 0
        ? `expected some fixture to be unused, but all ${subject.fixtures.length} were served`
        : `expected every fixture to have been served; ${unused.length} never were:\n${unused.map((f) => `  - ${f.id} (${f.source})`).join('\n')}\n${formatJournal(subject.entries)}`,
  }
}

export function toHaveNoUnmatchedRequests(received: unknown): MatcherResult {
  const subject = toSubject(received)
  const misses = subject.entries.filter(
    (e) => e.miss !== undefined || (e.fixture === null && e.response.status === 404),
  )
  return {
    pass: misses.length === 0,
    message: () =>
      misses.length === 0
        ? 'expected some unmatched request, but every request was answered by a fixture'
        : `expected no unmatched requests, but ${misses.length} found no fixture:\n${misses
            .map(
              (e) =>
                `  - ${e.id} ${e.method} ${e.path}: ${e.miss?.message ?? e.response.error?.message ?? ''}`,
            )
            .join('\n')}`,
  }
}

export function toHaveRequestCount(
  received: unknown,
  count: number,
  filter?: JournalFilter | Record<string, unknown>,
): MatcherResult {
  const subject = toSubject(received)
  const selected =
    filter === undefined
      ? subject.entries
      : typeof filter === 'function'
        ? subject.entries.filter(filter)
        : subject.entries.filter((e) => matchesPartial(requestView(e), filter))
  return {
    pass: selected.length === count,
    message: () =>
      `expected ${selected.length === count ? 'NOT ' : ''}${count} request(s)${filter && typeof filter === 'object' ? ` matching ${show(filter)}` : ''}, found ${selected.length}\n${formatJournal(subject.entries)}`,
  }
}

/** Every matcher by name, for `expect.extend`. */
export const matchers = {
  toHaveCalledTool,
  toHaveReturnedToolCall,
  toHaveReceivedMessage,
  toHaveReceivedRequest,
  toHaveServedFixture,
  toHaveUsedAllFixtures,
  toHaveNoUnmatchedRequests,
  toHaveRequestCount,
  ...serviceMatchers,
  toHaveQueried,
}

export type StandinMatcherName = keyof typeof matchers

/** `an assistant`, `a user`, `a system`, `a tool`: the article a role takes. */
function article(role: string): string {
  return role === 'assistant' ? 'an' : 'a'
}
