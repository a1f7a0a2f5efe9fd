/**
 * Puts the test's session id on what the browser sends to the app, so the app (with `standin/propagate`)
 * can forward it to the mock.
 * @module
 */
import type { BrowserContext } from '@playwright/test'
import { engine } from '../engine'
import type { StandinPropagationMode } from './types'

export const SESSION_COOKIE = 'standin-session'

export interface PropagationOptions {
  mode: StandinPropagationMode
  session: string
  baseURL: string | undefined
}

export async function installPropagation(
  context: BrowserContext,
  { mode, session, baseURL }: PropagationOptions,
) {
  if (mode === 'none') return
  const { STANDIN_SESSION_HEADER } = engine()
  if (mode === 'header') return context.setExtraHTTPHeaders({ [STANDIN_SESSION_HEADER]: session })
  if (mode === 'cookie') return context.addCookies(sessionCookies(session, baseURL))
  if (!baseURL)
    throw new Error("standin/playwright: standinPropagation 'route' needs use.baseURL (the app's origin)")
  // Only app-origin requests get the header, unlike extraHTTPHeaders which also go to CDNs and third parties.
  const origin = new URL(baseURL).origin
  await context.route(
    (url) => url.origin === origin,
    (route) =>
      route.continue({ headers: { ...route.request().headers(), [STANDIN_SESSION_HEADER]: session } }),
  )
}

/** Cookies ignore ports: without a baseURL, cover the loopback names an app started on port 0 uses. */
function sessionCookies(session: string, baseURL: string | undefined) {
  if (baseURL) return [{ name: SESSION_COOKIE, value: session, url: baseURL }]
  return ['127.0.0.1', 'localhost'].map((domain) => ({
    name: SESSION_COOKIE,
    value: session,
    domain,
    path: '/',
  }))
}
