/**
 * Tavily extract: `POST /extract` with `urls` (one or a list), answered with `results` (url, title,
 * `raw_content`, images), `failed_results` (url, error), `response_time` and `request_id`, as
 * `@tavily/core` reads them.
 * @see https://docs.tavily.com/documentation/api-reference/endpoint/extract
 * @module
 */
import { WireError } from '../../errors'
import type { ServiceSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { invalid, tavilyError } from './errors'
import { requestId } from './request-id'

interface ExtractWire {
  images: boolean
  usage: boolean
}

/** Tavily extracts at most 20 URLs a call. */
const MAX_URLS = 20

export const extractSurface: ServiceSurface<ExtractWire> = {
  kind: 'service',
  id: 'tavily.extract',
  provider: 'tavily',
  routes: [{ method: 'POST', path: '/extract' }],

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'Invalid request: the body must be a JSON object.')
    const urls = typeof body.urls === 'string' ? [body.urls] : body.urls
    if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string' && u !== ''))
      throw invalid('urls', 'a URL or a non-empty list of URLs')
    if (urls.length > MAX_URLS) throw invalid('urls', `at most ${MAX_URLS} URLs, got ${urls.length}`)
    return {
      request: { kind: 'extract', urls: urls as string[] },
      wire: { images: body.include_images === true, usage: body.include_usage === true },
    }
  },

  encode(result, wire) {
    if (result.kind !== 'extract') throw new Error(`tavily.extract cannot encode a ${result.kind} result`)
    return {
      results: result.pages.map((page) => ({
        url: page.url,
        title: page.title ?? null,
        raw_content: page.rawContent,
        ...(wire.images && { images: page.images ?? [] }),
      })),
      failed_results: result.failed,
      response_time: 0,
      ...(wire.usage && { usage: { credits: Math.max(1, Math.ceil(result.pages.length / 5)) } }),
      request_id: requestId('extract', ...result.pages.map((p) => p.url)),
    }
  },

  encodeError: tavilyError,
}
