/**
 * `expect`: Playwright's `expect` with standin's matchers, async and retrying.
 * @module
 */
import { expect as base } from '@playwright/test'
import { retryingMatchers } from './retrying-matchers'

/**
 * Import it instead of `@playwright/test`'s `expect`; await the standin matchers.
 * @example await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * @example await expect(standin).not.toHaveCalledTool('delete_account', undefined, { timeout: 1_000 })
 */
export const expect = base.extend(retryingMatchers)
