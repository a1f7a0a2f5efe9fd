/**
 * The services in-process through `standin/msw` (built package): `@tavily/core` at its default
 * `https://api.tavily.com`, `cohere-ai` at `https://api.cohere.com` and `openai` at `https://api.openai.com`
 * are answered by MSW + standin with no base URL set, journaled like requests to the port.
 */
import { tavily } from '@tavily/core'
import { CohereClientV2 } from 'cohere-ai'
import OpenAI from 'openai'
import { createStandin, matchers } from 'standin'
import { standinServer } from 'standin/msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'

const mock = createStandin({ strict: false })
const server = standinServer(mock)
let savedBaseUrl: string | undefined

beforeAll(() => {
  // The SDKs' own default hosts: no variable may point them elsewhere.
  savedBaseUrl = process.env.OPENAI_BASE_URL
  delete process.env.OPENAI_BASE_URL
  server.listen({ onUnhandledRequest: 'error' })
})
afterAll(() => {
  server.close()
  if (savedBaseUrl !== undefined) process.env.OPENAI_BASE_URL = savedBaseUrl
})

test('search, rerank and moderation at their default hosts are answered in-process', async () => {
  mock.onSearch('weather', [{ title: 'Weather', url: 'https://example.com/w', content: 'Sunny' }])
  const search = await tavily({ apiKey: 'tvly-test' }).search('weather in Rome')
  expect(search.results.map((r) => r.title)).toEqual(['Weather'])

  const cohere = new CohereClientV2({ token: 'test', maxRetries: 0 })
  const ranked = await cohere.rerank({ model: 'rerank-v3.5', query: 'rome', documents: ['paris', 'rome'] })
  expect(ranked.results[0]!.index).toBe(1)

  const openai = new OpenAI({ apiKey: 'test', maxRetries: 0 })
  expect((await openai.moderations.create({ input: 'hello' })).results[0]!.flagged).toBe(false)

  expect(mock.journal.entries.map((e) => e.surface)).toEqual([
    'tavily.search',
    'cohere.rerank',
    'openai.moderations',
  ])
  expect(matchers.toHaveSearched(mock, 'weather').pass).toBe(true)
})
