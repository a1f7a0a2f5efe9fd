/**
 * Tavily search and extract through `@tavily/core` (pointed at the mock with `apiBaseURL`): fixtures by
 * case-insensitive substring and regex, first match wins, the flags that add answer, raw content and
 * images, the miss policy and the `services.search` catch-all, and Tavily's `{detail: {error}}` body.
 */
import { tavily } from '@tavily/core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'

let mock: Standin
let server: RunningServer
let client: ReturnType<typeof tavily>

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = tavily({ apiKey: 'tvly-test', apiBaseURL: server.url })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

const weather = [
  { title: 'Weather in Paris', url: 'https://example.com/paris', content: 'Sunny, 21°C', score: 0.93 },
  { title: 'Paris forecast', url: 'https://example.com/forecast', content: 'Rain tomorrow' },
]

describe('search', () => {
  test('a string matches the query as a case-insensitive substring; results come back as the SDK reads them', async () => {
    mock.onSearch('weather', weather)
    const answer = await client.search('WEATHER in Paris today')
    expect(answer.query).toBe('WEATHER in Paris today')
    expect(answer.results).toEqual([
      expect.objectContaining({ title: 'Weather in Paris', url: 'https://example.com/paris', score: 0.93 }),
      // A result without a score gets one that falls with its rank.
      expect.objectContaining({ title: 'Paris forecast', content: 'Rain tomorrow', score: 0.94 }),
    ])
    expect(answer.images).toEqual([])
    expect(answer.answer).toBeNull()
    expect(answer.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/)
    expect(typeof answer.responseTime).toBe('number')
  })

  test('a RegExp matches the query; first match wins', async () => {
    mock.onSearch(/stock\s+price/i, [{ title: 'ACME', url: 'https://example.com/acme', content: '$42.00' }])
    mock.onSearch('price', [{ title: 'Later', url: 'https://example.com/later', content: 'never' }])
    expect((await client.search('ACME stock  price')).results.map((r) => r.title)).toEqual(['ACME'])
    expect((await client.search('the price of tea')).results.map((r) => r.title)).toEqual(['Later'])
  })

  test('answer, raw content and images only when the request asks for them; max_results cuts the list', async () => {
    mock.onSearch('paris', {
      results: [
        { ...weather[0]!, raw_content: '# Paris\nSunny' },
        { ...weather[1]!, raw_content: '# Forecast' },
      ],
      answer: 'It is sunny in Paris.',
      images: ['https://example.com/sun.png'],
      follow_up_questions: ['And tomorrow?'],
    })
    const plain = await client.search('paris')
    expect(plain.answer).toBeNull()
    expect(plain.images).toEqual([])
    expect(plain.results[0]!.rawContent).toBeNull()
    const full = await client.search('paris', {
      includeAnswer: true,
      includeRawContent: 'markdown',
      includeImages: true,
      maxResults: 1,
    })
    expect(full.answer).toBe('It is sunny in Paris.')
    expect(full.images).toEqual([{ url: 'https://example.com/sun.png', description: undefined }])
    expect(full.results).toHaveLength(1)
    expect(full.results[0]!.rawContent).toBe('# Paris\nSunny')
    const wire = await (await postJson(`${server.url}/search`, { query: 'paris' })).json()
    expect(wire.follow_up_questions).toEqual(['And tomorrow?'])
  })

  test("a miss is a 404 (503 in strict mode) in Tavily's error body, which the SDK reports", async () => {
    mock.onSearch('weather', weather)
    await expect(client.search('football scores')).rejects.toThrow(
      /No fixture matched POST \/search \(search "football scores"\)/,
    )
    const lenient = await postJson(`${server.url}/search`, { query: 'football scores' })
    expect(lenient.status).toBe(404)
    expect((await lenient.json()).detail.error).toMatch(
      /Closest: .*searchQuery expected "weather", got "football scores"/,
    )
    mock.strict = true
    const strict = await postJson(`${server.url}/search`, { query: 'football scores' })
    expect(strict.status).toBe(503)
  })

  test('a bad request is a 400 naming the field', async () => {
    const response = await postJson(`${server.url}/search`, { query: '', max_results: 3 })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail: { error: 'Invalid query: expected a non-empty string.' },
    })
    const tooMany = await postJson(`${server.url}/search`, { query: 'x', max_results: 50 })
    expect((await tooMany.json()).detail.error).toMatch(/max_results/)
  })

  test("an error fixture answers with its status in Tavily's shape", async () => {
    mock.on({ searchQuery: 'quota' }, { error: { message: 'This request exceeds your plan.' }, status: 432 })
    await expect(client.search('quota check')).rejects.toThrow('This request exceeds your plan.')
  })
})

describe('extract', () => {
  test('pages for a matching URL; failed results as given', async () => {
    mock.onExtract('example.com/docs', {
      results: [{ url: 'https://example.com/docs', raw_content: '# Docs\nHello', title: 'Docs' }],
      failed_results: [{ url: 'https://example.com/missing', error: 'Not found' }],
    })
    const answer = await client.extract(['https://EXAMPLE.com/docs', 'https://example.com/missing'])
    expect(answer.results).toEqual([
      expect.objectContaining({
        url: 'https://example.com/docs',
        rawContent: '# Docs\nHello',
        title: 'Docs',
      }),
    ])
    expect(answer.failedResults).toEqual([{ url: 'https://example.com/missing', error: 'Not found' }])
  })

  test('a miss follows the miss policy', async () => {
    await expect(client.extract(['https://example.com/none'])).rejects.toThrow(
      /No fixture matched POST \/extract/,
    )
  })
})

describe('the services.search catch-all', () => {
  test('searches and extracts no fixture matches answer empty, in strict mode too', async () => {
    const catchAll = createStandin({ strict: true, services: { search: true } })
    const { url, close } = await catchAll.listen({ port: 0 })
    try {
      const tv = tavily({ apiKey: 'tvly-test', apiBaseURL: url })
      catchAll.onSearch('weather', weather)
      expect((await tv.search('weather')).results).toHaveLength(2)
      expect((await tv.search('anything else')).results).toEqual([])
      const extract = await tv.extract(['https://example.com/a'])
      expect(extract.results).toEqual([])
      expect(extract.failedResults).toEqual([
        { url: 'https://example.com/a', error: 'standin has no page for this URL' },
      ])
    } finally {
      await close()
    }
  })
})
