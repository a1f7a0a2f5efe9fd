/**
 * Shared mode through a real page: the example's app server (started once by webServer) forwards the
 * session the browser carries to the shared mock. Cookie propagation (the default) is the example's
 * (examples/playwright); these cover the header and the header routed to the app origin only.
 */
import { test, expect } from 'standin/playwright'

test.use({ baseURL: process.env.APP_URL })

for (const mode of ['header', 'route'] as const) {
  test.describe(`${mode} propagation`, () => {
    test.use({ standinPropagation: mode })

    test('the app forwards this test session to the shared mock', async ({ page, standin }, testInfo) => {
      // For the driver's leftover-port check.
      testInfo.annotations.push(
        { type: 'standin-url', description: process.env.STANDIN_URL },
        { type: 'app-url', description: process.env.APP_URL },
      )
      await standin.on({ userMessage: 'capital' }, { content: `Answer for ${standin.id}` })

      await page.goto('/')
      await page.getByRole('textbox', { name: 'Message' }).fill('Which capital?')
      await page.getByRole('button', { name: 'Send' }).click()

      await expect(page.getByTestId('answer')).toHaveText(`Answer for ${standin.id}`)
      await expect(standin).toHaveRequestCount(1)
      const journal = await standin.journal()
      expect(journal.map((e) => e.session)).toEqual([standin.id])
    })
  })
}
