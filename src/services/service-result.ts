/**
 * Service results: what a search, extract, rerank or moderation fixture stands for, and what each service
 * answers with no fixture (see {@link serviceDefault}). Written once for every service surface; the
 * surfaces only translate these results to their wire.
 * @module
 */
import type {
  ModerationRequest,
  ModerationVerdict,
  RerankRequest,
  SearchRequest,
  ServiceRequest,
  ServiceResult,
} from '../canonical'
import { WireError } from '../errors'
import type { CompiledMatch } from '../fixtures/fixture'
import type { ParsedFixtureResponse } from '../fixtures/schema'
import { testRegex } from '../matching/predicates'
import { rankByOverlap } from './rerank-score'

/** Which services answer every request that no fixture matches (the config's `services` section). */
export interface ServiceDefaults {
  /** Searches (and extracts) no fixture matches get no results instead of the miss policy. */
  search?: boolean
  /** Reranks no fixture matches are ranked by query-term overlap, in strict mode too. */
  rerank?: boolean
  /** Moderations no fixture matches are unflagged, in strict mode too. */
  moderate?: boolean
}

type Response = ParsedFixtureResponse

export function isServiceRequest(request: { kind: string }): request is ServiceRequest {
  return SERVICE_KINDS.has(request.kind)
}

const SERVICE_KINDS = new Set(['search', 'extract', 'rerank', 'moderation'])

/** The result a service fixture's response stands for; `match` decides which moderation inputs it covers. */
export function serviceResult(
  response: Response,
  request: ServiceRequest,
  fixture: { id: string; match: CompiledMatch },
): ServiceResult {
  switch (request.kind) {
    case 'search':
      if (!response.search) throw missing(fixture.id, 'search')
      return searchResult(request, response.search)
    case 'extract': {
      const given = response.extract
      if (!given) throw missing(fixture.id, 'extract')
      return {
        kind: 'extract',
        pages: given.results.map((page) => ({
          url: page.url,
          rawContent: page.raw_content,
          ...(page.title !== undefined && { title: page.title }),
          ...(page.images !== undefined && { images: page.images }),
        })),
        failed: given.failed_results ?? [],
      }
    }
    case 'rerank': {
      if (!response.rerank) throw missing(fixture.id, 'rerank')
      return rerankResult(request, response.rerank, fixture.id)
    }
    case 'moderation':
      if (!response.moderation) throw missing(fixture.id, 'moderation')
      return moderationResult(request, response.moderation, fixture.match.moderationInput)
  }
}

/**
 * A service's answer when no fixture matches, or undefined when the miss policy applies: in lenient mode
 * reranks are ranked by {@link rankByOverlap} and moderations unflagged (as embeddings get deterministic
 * vectors); searches and extracts only when the config's `services.search` is on, which, like `rerank` and
 * `moderate`, also holds in strict mode.
 */
export function serviceDefault(
  request: ServiceRequest,
  strict: boolean,
  defaults: ServiceDefaults,
): ServiceResult | undefined {
  switch (request.kind) {
    case 'search':
      return defaults.search ? searchResult(request, undefined) : undefined
    case 'extract':
      if (!defaults.search) return undefined
      return {
        kind: 'extract',
        pages: [],
        failed: request.urls.map((url) => ({ url, error: 'standin has no page for this URL' })),
      }
    case 'rerank':
      if (strict && !defaults.rerank) return undefined
      return { kind: 'rerank', ranking: cut(rankByOverlap(request.query, request.documents), request.topN) }
    case 'moderation':
      if (strict && !defaults.moderate) return undefined
      return moderationResult(request, undefined, undefined)
  }
}

function searchResult(request: SearchRequest, given: Response['search']): ServiceResult {
  const hits = (given?.results ?? []).map((hit, rank) => ({
    title: hit.title,
    url: hit.url,
    content: hit.content,
    // Given scores stand; the rest fall with rank, as a search engine's would.
    score: hit.score ?? Math.max(0.01, Math.round((0.99 - rank * 0.05) * 100) / 100),
    ...(hit.raw_content !== undefined && { rawContent: hit.raw_content }),
    ...(hit.published_date !== undefined && { publishedDate: hit.published_date }),
    ...(hit.favicon !== undefined && { favicon: hit.favicon }),
  }))
  return {
    kind: 'search',
    query: request.query,
    hits: request.maxResults === undefined ? hits : hits.slice(0, request.maxResults),
    images: given?.images ?? [],
    ...(given?.answer !== undefined && { answer: given.answer }),
    ...(given?.follow_up_questions !== undefined && { followUpQuestions: given.follow_up_questions }),
  }
}

function rerankResult(
  request: RerankRequest,
  given: NonNullable<Response['rerank']>,
  fixtureId: string,
): ServiceResult {
  const outOfRange = given.find((r) => r.index >= request.documents.length)
  if (outOfRange) {
    throw new WireError(
      500,
      `Fixture ${fixtureId} ranks document ${outOfRange.index}, but the request has ${request.documents.length} document(s).`,
      { type: 'standin_fixture_error' },
    )
  }
  const ranking = given.map((r) => ({ index: r.index, score: r.relevance_score }))
  return { kind: 'rerank', ranking: cut(ranking, request.topN) }
}

/**
 * One verdict per input: a list gives each input its own (inputs past its end are unflagged); one verdict
 * goes to every input the fixture's `moderationInput` matches (every input when it has none).
 */
function moderationResult(
  request: ModerationRequest,
  given: Response['moderation'],
  pattern: CompiledMatch['moderationInput'],
): ServiceResult {
  const verdicts = request.inputs.map((input, index): ModerationVerdict => {
    const verdict = Array.isArray(given)
      ? given[index]
      : given && (!pattern || testRegex(pattern, input))
        ? given
        : undefined
    if (!verdict) return { flagged: false, categories: {}, scores: {} }
    const categories = verdict.categories ?? {}
    return {
      flagged: verdict.flagged ?? Object.values(categories).some(Boolean),
      categories,
      scores: verdict.category_scores ?? {},
    }
  })
  return { kind: 'moderation', model: request.model ?? 'omni-moderation-latest', verdicts }
}

function cut<T>(list: T[], topN: number | undefined): T[] {
  return topN === undefined ? list : list.slice(0, topN)
}

function missing(fixtureId: string, kind: string): WireError {
  return new WireError(500, `Fixture ${fixtureId} answers a ${kind} request but has no "${kind}" response.`, {
    type: 'standin_fixture_error',
  })
}
