/**
 * Stage: the canonical result a selected fixture stands for (a chat reply, embeddings or an error), and
 * the result of a miss (the strict/lenient policy, with the diagnostic).
 * @module
 */
import type {
  CanonicalRequest,
  ChatRequest,
  ChatResult,
  EmbeddingResult,
  ErrorResult,
  ServiceResult,
} from '../canonical'
import type { IdSource } from '../core/ids'
import { chatResult, embeddingResult, errorResult } from '../core/results'
import type { ParsedFixtureResponse } from '../fixtures/schema'
import type { CompiledMatch } from '../fixtures/fixture'
import type { NoMatchDiagnostic } from '../matching/diagnose'
import {
  isServiceRequest,
  serviceDefault,
  serviceResult,
  type ServiceDefaults,
} from '../services/service-result'

export type Result = ChatResult | EmbeddingResult | ServiceResult | ErrorResult

export const DEFAULT_ID_PREFIXES = { response: 'resp_', toolCall: 'call_' }

export interface BuildContext {
  ids: IdSource
  idPrefixes?: { response: string; toolCall: string } | undefined
  /** The fixture that answers (a service result reads its match). */
  fixture?: { id: string; match: CompiledMatch }
}

/** A chat request gets a chat result (or an error), an embedding request vectors (or an error). */
export function buildResult(
  response: ParsedFixtureResponse,
  request: ChatRequest,
  context: BuildContext,
): ChatResult | ErrorResult
export function buildResult(
  response: ParsedFixtureResponse,
  request: CanonicalRequest,
  context: BuildContext,
): Result
export function buildResult(
  response: ParsedFixtureResponse,
  request: CanonicalRequest,
  context: BuildContext,
): Result {
  if (response.error !== undefined) return errorResult(response)
  if (request.kind === 'embedding') return embeddingResult(response, request)
  if (isServiceRequest(request))
    return serviceResult(response, request, context.fixture ?? { id: 'a function', match: {} })
  return chatResult(response, request, context.ids, context.idPrefixes ?? DEFAULT_ID_PREFIXES)
}

/** What decides a miss's answer: strict mode, and the services that answer every request. */
export interface MissPolicy {
  strict: boolean
  services: ServiceDefaults
}

/**
 * What a miss answers: embeddings get deterministic vectors unless strict (an app's RAG pipeline should
 * not need a fixture per chunk), services their defaults (see `serviceDefault`); everything else 404, or
 * 503 in strict mode, with the diagnostic.
 */
export function missResult(
  request: CanonicalRequest,
  { strict, services }: MissPolicy,
  miss: () => NoMatchDiagnostic,
): Result {
  if (request.kind === 'embedding' && !strict) return embeddingResult(undefined, request)
  const answered = isServiceRequest(request) ? serviceDefault(request, strict, services) : undefined
  if (answered) return answered
  return {
    kind: 'error',
    status: strict ? 503 : 404,
    message: miss().message,
    type: strict ? 'standin_strict_no_match' : 'standin_no_match',
    code: 'no_fixture_match',
    headers: { 'x-should-retry': 'false' },
  }
}
