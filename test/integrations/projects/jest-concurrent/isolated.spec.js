/* global require, test, expect */
// Three concurrent tests, each with a client built from its own standin.url and the same question, each
// with its own fixture for it: every test gets its own answer, and its journal holds its own request only.
const { OpenAI } = require('openai')
const { standin } = require('standin/jest')
const { barrier } = require('./barrier')

const mock = standin()
const allStarted = barrier(3)

for (const name of ['alpha', 'beta', 'gamma']) {
  test.concurrent(`concurrent ${name}`, async () => {
    expect(mock.url).toBe(`${mock.workerUrl}/_s/${mock.session.id}`)
    mock.onMessage('who answers?', { content: `${name} answers` })
    const client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'test', maxRetries: 0 })
    // Every test has added its fixture before any asks.
    await allStarted()
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `who answers? (${name})` }],
    })
    expect(completion.choices[0].message.content).toBe(`${name} answers`)
    expect(mock.journal.entries.map((entry) => entry.request.messages[0].text)).toEqual([
      `who answers? (${name})`,
    ])
    expect(mock.fixtures.filter((fixture) => fixture.source === 'on()')).toHaveLength(1)
    expect(mock).toHaveRequestCount(1)
  })
}

test('after the concurrent tests, a plain test sees none of their fixtures or requests', () => {
  expect(mock.journal.entries).toEqual([])
  expect(mock.fixtures.some((fixture) => fixture.source === 'on()')).toBe(false)
  expect(mock.url).toBe(`${mock.workerUrl}/_s/${mock.session.id}`)
})
