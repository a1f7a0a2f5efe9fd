/* global require, test, expect */
const { OpenAI } = require('openai')
const { standin } = require('standin/jest')

const mock = standin()
const tools = [{ type: 'function', function: { name: 'search', parameters: { type: 'object' } } }]

async function ask(question) {
  // Built from the environment the Jest environment set (OPENAI_BASE_URL), as an app would.
  const client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
  const messages = [{ role: 'user', content: question }]
  for (let turn = 0; turn < 3; turn++) {
    const message = (await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools }))
      .choices[0].message
    if (!message.tool_calls || message.tool_calls.length === 0) return message.content
    messages.push(message)
    for (const call of message.tool_calls)
      messages.push({ role: 'tool', tool_call_id: call.id, content: 'a result' })
  }
  throw new Error('the agent looped')
}

test('a file fixture answers the tool loop, and the matchers see the call', async () => {
  await expect(ask('what is the weather?')).resolves.toBe('Sunny in Paris.')
  expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(mock).not.toHaveCalledTool('calendar')
})

test('a fixture added in the test answers it', async () => {
  mock.on({ userMessage: 'hello' }, { content: 'Hi from this test' })
  await expect(ask('hello there')).resolves.toBe('Hi from this test')
})
