// Global `test`/`expect` typed by @types/jest; standin's matchers typed by "standin/jest/types" (tsconfig).
import { standin } from 'standin/jest'
import { ask, weatherAnswer } from '../src/assistant'

const mock = standin()

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

test('answers the weather after calling its tool', async () => {
  const { answer, toolCalls } = await weatherAnswer('What is the weather in Paris?')

  expect(toolCalls).toEqual(['get_weather(Paris)'])
  expect(answer).toBe('It is sunny in Paris, 21°C.')
  // Both turns replayed from this test's recording; the matchers read the journal as usual.
  expect(mock).toHaveReturnedToolCall('get_weather', { city: 'Paris' })
  expect(mock).toHaveRequestCount(2)
  expect(mock).toHaveNoUnmatchedRequests()
})
