/* global require, test, expect */
// Tests named "FAILS:" are meant to fail. Two concurrent tests run at once; one asks through the client
// built at module load (OPENAI_BASE_URL: no session) and swallows the SDK's error, as apps do. standin
// refuses the request, and both running tests fail with its message.
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { standin } = require('standin/jest')
const { client } = require('../jest-shared/openai-agent')
const { barrier } = require('./barrier')

const mock = standin()
const bothStarted = barrier(2)
let refusalSeen
const refused = new Promise((resolve) => (refusalSeen = resolve))

async function askSwallowing(text) {
  try {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: text }],
    })
    return completion.choices[0].message.content
  } catch (error) {
    // What the app saw, for the root test to check: the SDK's error from standin's 400.
    writeFileSync(
      join(process.env.STANDIN_JEST_OUT, 'swallowed.json'),
      JSON.stringify({ status: error.status, type: error.error?.type, message: error.message }),
    )
    refusalSeen()
    return 'sorry, something went wrong'
  }
}

test.concurrent('FAILS: a header-less request among concurrent tests', async () => {
  mock.onMessage('hello', { content: 'hi' })
  await bothStarted()
  expect(await askSwallowing('hello')).toBe('sorry, something went wrong')
})

test.concurrent('FAILS: the other test running at the time', async () => {
  await bothStarted()
  // Still running when its neighbour's request is refused.
  await refused
  expect(mock).toHaveRequestCount(0)
})

test('a plain test after them sends header-less requests again', async () => {
  mock.onMessage('hello', { content: 'hi' })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(completion.choices[0].message.content).toBe('hi')
  expect(mock).toHaveRequestCount(1)
})
