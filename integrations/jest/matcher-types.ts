/**
 * The matcher signatures, shared by the two type entries (`standin/jest/globals` for `@jest/globals`,
 * `standin/jest/types` for `@types/jest`).
 * @module
 */
import type { JournalFilter } from 'standin/internal'

export interface StandinMatchers<R> {
  /** The app executed tool `name` (its result went back to the LLM); `args` is a partial match, asymmetric matchers allowed. */
  toHaveCalledTool(name: string, args?: Record<string, unknown>): R
  /** The mock answered with a call to tool `name`. */
  toHaveReturnedToolCall(name: string, args?: Record<string, unknown>): R
  /** Some request carried a message containing `text` (or matching it). */
  toHaveReceivedMessage(
    text: string | RegExp,
    options?: { role?: 'user' | 'system' | 'assistant' | 'tool' },
  ): R
  /** Some request matches `partial` (provider, model, path, tools, ...). */
  toHaveReceivedRequest(partial?: Record<string, unknown>): R
  /** The fixture with this id answered some request. */
  toHaveServedFixture(id: string): R
  /** Every fixture in scope answered some request. */
  toHaveUsedAllFixtures(): R
  /** Every request found a fixture. */
  toHaveNoUnmatchedRequests(): R
  /** Exactly `count` requests (matching `filter`) reached the mock. */
  toHaveRequestCount(count: number, filter?: JournalFilter | Record<string, unknown>): R
  /** The app searched (Tavily) for a query containing `query` (or matching it, or a partial request). */
  toHaveSearched(query: string | RegExp | Record<string, unknown>): R
  /** The app reranked (Cohere), with a query containing `query` and a request matching `partial` when given. */
  toHaveReranked(query?: string | RegExp, partial?: Record<string, unknown>): R
  /** The app sent an input containing `input` (or matching it) to moderation (OpenAI). */
  toHaveModerated(input: string | RegExp): R
  /** A vector query reached `collection` (Qdrant, Pinecone, Chroma); `partial` matches its namespace, topK, filter (as sent), dialect, canned. */
  toHaveQueried(collection: string, partial?: Record<string, unknown>): R
}
