import { test, expect } from './fixtures'

async function ask(page: import('@playwright/test').Page, message: string) {
  await page.goto('/')
  await page.getByRole('textbox', { name: 'Message' }).fill(message)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByTestId('answer')).toHaveAttribute('data-state', 'done')
}

test('streams the agent answer into the page after a search', async ({ page, standin }) => {
  await ask(page, "What's the weather in Paris?")

  await expect(page.getByTestId('answer')).toHaveText('It is sunny in Paris today, 21 °C. Enjoy the walk!')
  // The answer reached the page in several pieces: the app streams it through.
  expect(Number(await page.getByTestId('answer').getAttribute('data-chunks'))).toBeGreaterThan(1)
  await expect(page.getByTestId('tools')).toContainText('Used search')
  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  await expect(standin).toHaveServedFixture('weather-answer')
})

test('answers from a fixture added by the test', async ({ page, standin }) => {
  await standin.on({ userMessage: 'joke' }, { content: 'Why did the mock cross the road? To stand in.' })

  await ask(page, 'Tell me a joke')

  await expect(page.getByTestId('answer')).toHaveText('Why did the mock cross the road? To stand in.')
  await expect(standin).toHaveReceivedMessage('Tell me a joke', { role: 'user' })
  await expect(standin).not.toHaveCalledTool('search')
})

test.describe('isolation: parallel tests give the same prompt different answers', () => {
  for (const city of ['Lisbon', 'Oslo']) {
    test(`sees only its own fixture and requests (${city})`, async ({ page, standin }) => {
      // Latency keeps both requests in flight at once when the two workers run these side by side.
      await standin.on({ userMessage: 'capital' }, { content: `The capital is ${city}.` }, { latency: 50 })

      await ask(page, 'Which capital should I visit?')

      await expect(page.getByTestId('answer')).toHaveText(`The capital is ${city}.`)
      await expect(standin).toHaveRequestCount(1)
      const journal = await standin.journal()
      expect(journal.map((entry) => entry.response.text)).toEqual([`The capital is ${city}.`])
      expect(journal.every((entry) => entry.session === standin.id)).toBe(true)
    })
  }
})
