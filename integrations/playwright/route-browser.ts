/**
 * Browser-side calls: `route.continue({ url, headers })` redirects them to the mock and keeps streamed
 * bodies streaming (`route.fulfill` would buffer them). The mock answers CORS itself.
 * @module
 */
import type { BrowserContext, Page, Route } from '@playwright/test'

export interface RouteBrowserOptions {
  baseUrl: string
  headers: Record<string, string>
}

export async function routeBrowser(
  target: Page | BrowserContext,
  from: string | RegExp,
  options: RouteBrowserOptions,
) {
  const matches =
    typeof from === 'string' ? (url: URL) => url.href.startsWith(from) : (url: URL) => from.test(url.href)
  await target.route(matches, (route) => redirect(route, options))
}

function redirect(route: Route, { baseUrl, headers }: RouteBrowserOptions) {
  const request = route.request()
  const source = new URL(request.url())
  return route.continue({
    url: baseUrl + source.pathname + source.search,
    headers: { ...request.headers(), ...headers },
  })
}
