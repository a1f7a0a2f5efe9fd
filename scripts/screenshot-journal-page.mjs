// Writes docs/journal-page.png, the README's picture of the journal page: a mock with a few fixtures, requests
// from two sessions through the official SDKs (matched, streamed, tool call, miss), the page in Chromium with
// one entry opened. Run after `npm run build`: node scripts/screenshot-journal-page.mjs
// The browser is CHROMIUM_PATH when set, else Playwright's own.
import Anthropic from '@anthropic-ai/sdk'
import { chromium } from '@playwright/test'
import OpenAI from 'openai'
import { createStandin } from 'standin'

const out = new URL('../docs/journal-page.png', import.meta.url)
const mock = createStandin({ strict: false })
mock.onMessage('weather', { content: 'Sunny in Paris, 24 °C.' }, { id: 'weather-paris' })
mock.onMessage(
  'book',
  { toolCalls: [{ name: 'book_flight', arguments: { from: 'CDG', to: 'OSL', date: '2026-12-24' } }] },
  { id: 'booking' },
)
mock.onMessage('story', { content: 'Once upon a time, a mock answered every call.' }, { id: 'story' })
const server = await mock.listen({ port: 0 })

const openai = (session) =>
  new OpenAI({ baseURL: `${server.url}/_s/${session}/v1`, apiKey: 'test-key', maxRetries: 0 })
const anthropic = (session) =>
  new Anthropic({ baseURL: `${server.url}/_s/${session}`, apiKey: 'test-key', maxRetries: 0 })
const chat = (session, content, stream = false) =>
  openai(session).chat.completions.create({ model: 'gpt-4o', stream, messages: [{ role: 'user', content }] })

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined })
try {
  await chat('checkout-test', 'What is the weather in Paris?')
  await chat('checkout-test', 'Please book a flight to Oslo on Christmas Eve')
  for await (const _ of await chat('story-test', 'Tell me a short story', true));
  await anthropic('story-test').messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'Tell me a short story' }],
  })
  await anthropic('story-test')
    .messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Summarise the quarterly report' }],
    })
    .catch(() => undefined)
  await chat('checkout-test', 'Cancel my order').catch(() => undefined)

  const page = await browser.newPage({ viewport: { width: 1280, height: 560 }, colorScheme: 'light' })
  await page.goto(`${server.url}/__standin/`)
  await page.locator('#status[data-state=live]').waitFor()
  await page.locator('#entries .entry').nth(5).waitFor()
  await page.locator('#entries .entry').nth(1).locator('summary').click()
  await page.screenshot({ path: out.pathname })
  console.log(`wrote ${out.pathname}`)
} finally {
  await browser.close()
  await server.close()
}
