/* global require, describe, test, expect */
const { standin } = require('standin/jest')
const { client } = require('../jest-shared/openai-agent')

const mock = standin()

async function ask(text) {
  mock.onMessage(text, { content: `answer to ${text}` })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: text }],
  })
  return completion.choices[0].message.content
}

describe('failure journal', () => {
  test('a passing test before', async () => {
    expect(await ask('marker-alpha-passing')).toBe('answer to marker-alpha-passing')
  })

  test('FAILS: a plain assertion', async () => {
    expect(await ask('marker-beta-failing')).toBe('some other answer')
  })

  test('a passing test after', async () => {
    expect(await ask('marker-gamma-passing')).toBe('answer to marker-gamma-passing')
  })
})
