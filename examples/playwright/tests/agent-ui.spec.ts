import { test, expect } from './fixtures'

// The agent UI's browser code runs an AG-UI agent at http://agent.test/agui. No agent runs here: the
// browser's calls go to standin, whose /agui endpoint (agents.json) answers from this test's fixtures.
test.beforeEach(async ({ page, standin }) => {
  await standin.routeBrowser(page, 'http://agent.test/')
})

async function ask(page: import('@playwright/test').Page, message: string) {
  await page.goto('/agent')
  await page.getByRole('textbox', { name: 'Ask the agent' }).fill(message)
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(page.getByTestId('agent-answer')).toHaveAttribute('data-state', 'done')
}

test('the agent UI renders the text and the tool call the agent streams', async ({ page, standin }) => {
  await standin.on(
    { userMessage: 'weather' },
    {
      content: 'Here is the weather in Paris.',
      toolCalls: [{ name: 'show_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
    },
  )

  await ask(page, "What's the weather in Paris?")

  await expect(page.getByTestId('agent-answer')).toHaveText('Here is the weather in Paris.')
  await expect(page.getByTestId('agent-tools')).toHaveText('show_weather {"city":"Paris","unit":"celsius"}')
  await expect(standin).toHaveReceivedRequest({ surface: 'agui', tools: ['show_weather'] })
  await expect(standin).toHaveReturnedToolCall('show_weather', { city: 'Paris' })
})

test('an agent error reaches the UI', async ({ page, standin }) => {
  await standin.on({ userMessage: 'crash' }, { error: { message: 'The agent is overloaded' }, status: 503 })

  await ask(page, 'crash please')

  await expect(page.getByTestId('agent-answer')).toHaveText('Error: The agent is overloaded')
  await expect(standin).toHaveReceivedMessage('crash please', { role: 'user' })
})
