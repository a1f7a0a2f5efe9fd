import { describe, expect, test } from '@jest/globals'
import { standin } from 'standin/jest'

const mock = standin()

describe('agent', () => {
  test.concurrent('the matchers are typed on expect from @jest/globals', async () => {
    mock.on({ userMessage: /weather/ }, { toolCalls: [{ name: 'search', arguments: { query: 'weather' } }] })
    const own: string = mock.url
    expect(own).toContain('/_s/')
    expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
    expect(mock).not.toHaveReceivedMessage('goodbye')
    expect(mock).toHaveRequestCount(2)
    expect(mock).not.toHaveQueried('docs')
    // @ts-expect-error: a collection is a string
    expect(mock).toHaveQueried(7)
    // @ts-expect-error: a tool name is a string
    expect(mock).toHaveCalledTool(42)
  })
})
