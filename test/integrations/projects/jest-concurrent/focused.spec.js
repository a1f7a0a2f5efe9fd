/* global require, test, expect */
// The concurrent tests a focus (.only) skips never run, so they are not "running at once" with the
// focused one: its header-less requests are served, not refused.
const { standin } = require('standin/jest')
const { client } = require('../jest-shared/openai-agent')

const mock = standin()

test.concurrent('skipped by the focus', async () => {})

test.concurrent.only('a lone focused concurrent test sends header-less requests', async () => {
  mock.onMessage('hello', { content: 'hi' })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(completion.choices[0].message.content).toBe('hi')
  expect(mock).toHaveRequestCount(1)
})

test.concurrent('skipped by the focus too', async () => {})
