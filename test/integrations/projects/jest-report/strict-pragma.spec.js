/**
 * @standin-strict
 */
/* global require, test, expect */
const { standin } = require('standin/jest')
const { client } = require('../jest-shared/openai-agent')

const mock = standin()

test('@standin-strict makes misses answer 503, and a RegExp from the test only matches what it says', async () => {
  expect(mock.strict).toBe(true)
  mock.onMessage(/^only this exact text$/, { content: 'matched' })
  const miss = client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  await expect(miss).rejects.toMatchObject({ status: 503 })
  const hit = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'only this exact text' }],
  })
  expect(hit.choices[0].message.content).toBe('matched')
  expect(mock).toHaveRequestCount(2)
  expect(mock).not.toHaveNoUnmatchedRequests()
})
