/**
 * The matchers for Playwright: the runner-agnostic ones from `standin`, made async and retrying. In e2e
 * tests the app calls the LLM some time after the click, so each matcher re-reads the session's journal
 * until it holds (or, under `.not`, until it does not) or the expect timeout runs out, like `toHaveURL`.
 * @module
 */
import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test'
import type { JournalEntry, JournalFilter, MatcherResult, MatcherSubject } from 'standin/internal'
import { engine } from '../engine'
import type { StandinPlaywrightSession } from './types'

/** What the matchers accept: the test's `standin` handle (retried) or journal entries already fetched. */
export type Journaled = StandinPlaywrightSession | JournalEntry[]
/** Per-call timeout; defaults to the expect timeout. */
export interface RetryOptions {
  timeout?: number
}

// Poll quickly first (most calls land within a few hundred ms), then back off; like expect.poll's intervals.
const INTERVALS = [50, 100, 250, 500]

type Check = (subject: MatcherSubject) => MatcherResult

async function retry(
  state: ExpectMatcherState,
  name: string,
  received: Journaled,
  check: Check,
  options?: RetryOptions,
) {
  const timeout = options?.timeout ?? state.timeout
  const deadline = Date.now() + timeout
  const read = Array.isArray(received) ? async () => engine().toSubject(received) : () => received.snapshot()
  let result = check(await read())
  for (let i = 0; result.pass === state.isNot && !Array.isArray(received) && Date.now() < deadline; i++) {
    await delay(Math.min(INTERVALS[Math.min(i, INTERVALS.length - 1)]!, Math.max(0, deadline - Date.now())))
    result = check(await read())
  }
  const retried = !Array.isArray(received) && result.pass === state.isNot
  const hint = state.utils.matcherHint(name, 'standin', undefined, { isNot: state.isNot })
  const waited = retried ? `\n\nTimeout: ${timeout}ms (the journal was re-read until then)` : ''
  return {
    pass: result.pass,
    name,
    timeout,
    message: () => `${hint}\n\n${result.message()}${waited}`,
  } satisfies MatcherReturnType
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

type Role = 'user' | 'system' | 'assistant' | 'tool'

/** The matcher implementations for `expect.extend`; typed by their first parameter, so they are offered on `standin`. */
export const retryingMatchers = {
  /** The app ran tool `name` (sent its result back to the LLM, or called it over MCP), args partially matched. */
  toHaveCalledTool(
    this: ExpectMatcherState,
    received: Journaled,
    name: string,
    args?: Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveCalledTool',
      received,
      (s) => engine().matchers.toHaveCalledTool(s, name, args),
      options,
    )
  },
  /** The mock answered with a call to tool `name`. */
  toHaveReturnedToolCall(
    this: ExpectMatcherState,
    received: Journaled,
    name: string,
    args?: Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveReturnedToolCall',
      received,
      (s) => engine().matchers.toHaveReturnedToolCall(s, name, args),
      options,
    )
  },
  toHaveReceivedMessage(
    this: ExpectMatcherState,
    received: Journaled,
    text: string | RegExp,
    options: RetryOptions & { role?: Role } = {},
  ) {
    return retry(
      this,
      'toHaveReceivedMessage',
      received,
      (s) => engine().matchers.toHaveReceivedMessage(s, text, { role: options.role }),
      options,
    )
  },
  toHaveReceivedRequest(
    this: ExpectMatcherState,
    received: Journaled,
    expected: Record<string, unknown> = {},
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveReceivedRequest',
      received,
      (s) => engine().matchers.toHaveReceivedRequest(s, expected),
      options,
    )
  },
  toHaveServedFixture(this: ExpectMatcherState, received: Journaled, id: string, options?: RetryOptions) {
    return retry(
      this,
      'toHaveServedFixture',
      received,
      (s) => engine().matchers.toHaveServedFixture(s, id),
      options,
    )
  },
  toHaveUsedAllFixtures(this: ExpectMatcherState, received: Journaled, options?: RetryOptions) {
    return retry(
      this,
      'toHaveUsedAllFixtures',
      received,
      (s) => engine().matchers.toHaveUsedAllFixtures(s),
      options,
    )
  },
  toHaveNoUnmatchedRequests(this: ExpectMatcherState, received: Journaled, options?: RetryOptions) {
    return retry(
      this,
      'toHaveNoUnmatchedRequests',
      received,
      (s) => engine().matchers.toHaveNoUnmatchedRequests(s),
      options,
    )
  },
  toHaveRequestCount(
    this: ExpectMatcherState,
    received: Journaled,
    count: number,
    filter?: JournalFilter | Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveRequestCount',
      received,
      (s) => engine().matchers.toHaveRequestCount(s, count, filter),
      options,
    )
  },
  toHaveQueried(
    this: ExpectMatcherState,
    received: Journaled,
    collection: string,
    partial?: Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveQueried',
      received,
      (s) => engine().matchers.toHaveQueried(s, collection, partial),
      options,
    )
  },
  toHaveSearched(
    this: ExpectMatcherState,
    received: Journaled,
    query: string | RegExp | Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(this, 'toHaveSearched', received, (s) => engine().matchers.toHaveSearched(s, query), options)
  },
  toHaveReranked(
    this: ExpectMatcherState,
    received: Journaled,
    query?: string | RegExp,
    partial?: Record<string, unknown>,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveReranked',
      received,
      (s) => engine().matchers.toHaveReranked(s, query, partial),
      options,
    )
  },
  toHaveModerated(
    this: ExpectMatcherState,
    received: Journaled,
    input: string | RegExp,
    options?: RetryOptions,
  ) {
    return retry(
      this,
      'toHaveModerated',
      received,
      (s) => engine().matchers.toHaveModerated(s, input),
      options,
    )
  },
}
