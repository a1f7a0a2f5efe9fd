/**
 * This file's own fixtures, on top of ./fixtures (the path is relative to this file):
 * @standin-fixtures ./news.fixtures.json
 */
// `expect` imported from @jest/globals; standin's matchers typed by "standin/jest/types" (tsconfig).
import { describe, expect, test } from '@jest/globals'
import { standin } from 'standin/jest'
import { runAgent } from '../src/agent'

const mock = standin()

describe('news', () => {
  test('the agent searches the news with a file-level fixture', async () => {
    expect(await runAgent('Any news today?')).toBe("Today's headline: Paris hosts the marathon.")
    expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('news') })
    expect(mock).not.toHaveCalledTool('search', { query: expect.stringContaining('weather') })
    expect(mock).toHaveReturnedToolCall('search')
  })

  test('the model can be made to search twice', async () => {
    mock.on(
      { userMessage: /two searches/i, hasToolResult: false },
      {
        toolCalls: [
          { id: 'call_a', name: 'search', arguments: { query: 'weather in Paris' } },
          { id: 'call_b', name: 'search', arguments: { query: 'weather in Lyon' } },
        ],
      },
    )
    mock.on({ toolCallId: 'call_b' }, { content: 'Sunny in both.' })

    expect(await runAgent('Do two searches: Paris and Lyon')).toBe('Sunny in both.')
    expect(mock).toHaveCalledTool('search', { query: 'weather in Paris' })
    expect(mock).toHaveCalledTool('search', { query: expect.stringMatching(/lyon/i) })
    expect(mock.journal.entries.map((entry) => entry.fixture?.source)).toEqual(['on()', 'on()'])
  })
})
