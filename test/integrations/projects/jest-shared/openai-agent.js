/* global require, module */
// A tiny agent on the openai SDK, shared by the Jest test projects. The client is built at module load, so
// it proves the environment set OPENAI_BASE_URL before the test file loaded.
const { OpenAI } = require('openai')

const client = new OpenAI({ maxRetries: 0 })
const tools = [
  {
    type: 'function',
    function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
  },
]

async function runAgent(question) {
  const messages = [{ role: 'user', content: question }]
  for (let turn = 0; turn < 4; turn++) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
    const message = completion.choices[0].message
    if (!message.tool_calls || message.tool_calls.length === 0) return message.content
    messages.push(message)
    for (const call of message.tool_calls) {
      const { query } = JSON.parse(call.function.arguments)
      messages.push({ role: 'tool', tool_call_id: call.id, content: `results for ${query}` })
    }
  }
  throw new Error('no answer after 4 turns')
}

module.exports = { client, runAgent, baseUrlAtLoad: process.env.OPENAI_BASE_URL }
