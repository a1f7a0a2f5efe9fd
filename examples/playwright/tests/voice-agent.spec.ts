import { test, expect } from './fixtures'

// The voice agent page opens a browser WebSocket to the OpenAI Realtime API at the URL the app gives it:
// the LLM's base URL, which is standin here. Each test's fixtures answer its own page's turns.
async function say(page: import('@playwright/test').Page, message: string) {
  await page.goto('/voice-agent')
  await expect(page.getByTestId('realtime-status')).toHaveText('ready')
  await page.getByRole('textbox', { name: 'Say something' }).fill(message)
  await page.getByRole('button', { name: 'Send' }).click()
}

test('the voice agent renders the answer streamed over the Realtime WebSocket', async ({ page, standin }) => {
  await standin.on({ userMessage: 'capital' }, { content: 'The capital of France is Paris.' })

  await say(page, 'What is the capital of France?')

  await expect(page.getByTestId('realtime-answer')).toHaveText('The capital of France is Paris.')
  await expect(page.getByTestId('realtime-answer')).toHaveAttribute('data-state', 'done')
  await expect(standin).toHaveReceivedMessage('What is the capital of France?', { role: 'user' })
  await expect(standin).toHaveReceivedRequest({ surface: 'openai.realtime', tools: ['show_weather'] })
})

test('the voice agent runs the tool the model calls, then renders the answer', async ({ page, standin }) => {
  await standin.on(
    { userMessage: 'weather' },
    { toolCalls: [{ name: 'show_weather', arguments: { city: 'Paris' } }] },
  )
  await standin.on({ toolResultContains: 'shown' }, { content: 'Here is the weather card for Paris.' })

  await say(page, "What's the weather in Paris?")

  await expect(page.getByTestId('realtime-tools')).toHaveText('show_weather {"city":"Paris"}')
  await expect(page.getByTestId('realtime-answer')).toHaveText('Here is the weather card for Paris.')
  await expect(page.getByTestId('realtime-answer')).toHaveAttribute('data-state', 'done')
  await expect(standin).toHaveReturnedToolCall('show_weather', { city: 'Paris' })
})
