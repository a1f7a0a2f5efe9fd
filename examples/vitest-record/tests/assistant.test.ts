import { describe } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask, weatherAnswer } from '../src/assistant'

describe('naming a cat', () => {
  // The same prompt twice. A model answers differently each time; each test recorded its own answer
  // (tests/__recordings__/assistant.test.ts/naming a cat › ....json) and replays exactly that one.
  test('a first suggestion', async () => {
    expect(await ask('Suggest a name for a cat. One word.')).toBe('Miso')
  })

  test('a second suggestion', async () => {
    expect(await ask('Suggest a name for a cat. One word.')).toBe('Pixel')
  })
})

test('answers the weather after calling its tool', async ({ standin }) => {
  const { answer, toolCalls } = await weatherAnswer('What is the weather in Paris?')

  expect(toolCalls).toEqual(['get_weather(Paris)'])
  expect(answer).toBe('It is sunny in Paris, 21°C.')
  // Both turns replayed from this test's recording; the matchers read the journal as usual.
  expect(standin).toHaveReturnedToolCall('get_weather', { city: 'Paris' })
  expect(standin).toHaveRequestCount(2)
  expect(standin).toHaveNoUnmatchedRequests()
})
