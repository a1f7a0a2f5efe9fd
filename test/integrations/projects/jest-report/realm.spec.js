/* global require, describe, test, expect */
// standin's matchers are made outside the test file's sandbox (by the environment): values from the
// test's realm (RegExps, objects, asymmetric matchers) must read as they would in it, and an error a
// matcher throws must be one of the test's own.
const { standin, matchers } = require('standin/jest')
const { runAgent } = require('../jest-shared/openai-agent')

const mock = standin()

describe('matchers across realms', () => {
  test('RegExps and objects made in the test file match as written', async () => {
    await runAgent('What is the weather like?')
    expect(mock).toHaveReceivedMessage(/weather like/)
    expect(mock).not.toHaveReceivedMessage(/beach/)
    expect(mock).toHaveRequestCount(2, { path: /chat\/completions$/ })
    expect(mock).not.toHaveRequestCount(2, { path: /embeddings/ })
    expect(mock).toHaveCalledTool('search', { query: expect.stringMatching(/weather/) })
  })

  test("a matcher's TypeError is the test realm's TypeError, with standin's message", () => {
    expect(() => expect(42).toHaveRequestCount(0)).toThrow(TypeError)
    expect(() => expect(42).toHaveRequestCount(0)).toThrow(/standin matchers expect a standin mock/)
  })

  test("standin/jest's matchers export lists every matcher", () => {
    expect(Object.keys(matchers)).toEqual(expect.arrayContaining(['toHaveCalledTool', 'toHaveRequestCount']))
    expect(typeof matchers.toHaveReceivedMessage).toBe('function')
  })
})
