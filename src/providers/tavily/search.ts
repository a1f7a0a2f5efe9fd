/**
 * Tavily search: `POST /search` with `query`, answered with `results` (title, url, content, score, and
 * `raw_content` / `favicon` when asked for), `images` when asked for, `answer` when asked for,
 * `follow_up_questions`, `response_time` and `request_id`, as `@tavily/core` reads them.
 * @see https://docs.tavily.com/documentation/api-reference/endpoint/search
 * @module
 */
import { WireError } from '../../errors'
import type { ServiceSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { invalid, tavilyError } from './errors'
import { requestId } from './request-id'

interface SearchWire {
  answer: boolean
  rawContent: boolean
  images: boolean
  favicon: boolean
  usage: boolean
  depth: string
}

/** Tavily's documented range for `max_results`. */
const MAX_RESULTS = 20

export const searchSurface: ServiceSurface<SearchWire> = {
  kind: 'service',
  id: 'tavily.search',
  provider: 'tavily',
  routes: [{ method: 'POST', path: '/search' }],

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'Invalid request: the body must be a JSON object.')
    if (typeof body.query !== 'string' || body.query.trim() === '')
      throw invalid('query', 'a non-empty string')
    const max = body.max_results
    if (max !== undefined && max !== null) {
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > MAX_RESULTS)
        throw invalid('max_results', `an integer from 0 to ${MAX_RESULTS}`)
    }
    const depth = typeof body.search_depth === 'string' ? body.search_depth : 'basic'
    return {
      request: { kind: 'search', query: body.query, ...(typeof max === 'number' && { maxResults: max }) },
      wire: {
        // `include_answer` is a boolean or "basic" / "advanced".
        answer: asked(body.include_answer),
        rawContent: asked(body.include_raw_content),
        images: asked(body.include_images),
        favicon: asked(body.include_favicon),
        usage: asked(body.include_usage),
        depth,
      },
    }
  },

  encode(result, wire) {
    if (result.kind !== 'search') throw new Error(`tavily.search cannot encode a ${result.kind} result`)
    return {
      query: result.query,
      follow_up_questions: result.followUpQuestions ?? null,
      answer: wire.answer ? (result.answer ?? null) : null,
      images: wire.images ? result.images : [],
      results: result.hits.map((hit) => ({
        url: hit.url,
        title: hit.title,
        content: hit.content,
        score: hit.score,
        raw_content: wire.rawContent ? (hit.rawContent ?? null) : null,
        ...(hit.publishedDate !== undefined && { published_date: hit.publishedDate }),
        ...(wire.favicon && hit.favicon !== undefined && { favicon: hit.favicon }),
      })),
      response_time: 0,
      ...(wire.usage && { usage: { credits: wire.depth === 'advanced' ? 2 : 1 } }),
      request_id: requestId('search', result.query),
    }
  },

  encodeError: tavilyError,
}

/** Tavily's `include_*` flags: `true`, or a mode such as "basic", "advanced", "markdown", "text". */
function asked(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value !== '' && value !== 'false')
}
