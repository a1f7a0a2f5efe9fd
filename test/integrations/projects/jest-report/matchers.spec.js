/* global require, describe, test, expect */
// Tests named "FAILS:" are meant to fail: the root test checks that they do, and what their messages say.
const { standin } = require('standin/jest')
const { client, runAgent } = require('../jest-shared/openai-agent')

const mock = standin()

describe('toHaveCalledTool', () => {
  test('passes with an asymmetric argument', async () => {
    await runAgent('What is the weather like?')
    expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  })

  test('.not passes when no call matches', async () => {
    await runAgent('Which beach should I visit?')
    expect(mock).not.toHaveCalledTool('search', { query: expect.stringContaining('weather') })
    expect(mock).not.toHaveCalledTool('calendar')
  })

  test('FAILS: the query does not match', async () => {
    await runAgent('Which beach should I visit?')
    expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  })

  test('FAILS: .not while the tool was called', async () => {
    await runAgent('What is the weather like?')
    expect(mock).not.toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  })

  test('FAILS: no request reached the mock', () => {
    expect(mock).toHaveCalledTool('search')
  })

  test('FAILS: the model asked for the tool but the app never ran it', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather please' }],
    })
    expect(mock).toHaveReturnedToolCall('search', { query: 'weather in Paris' })
    expect(mock).toHaveCalledTool('search')
  })
})
