/* global require, module */
const { OpenAI } = require('openai')

const client = new OpenAI({ maxRetries: 0 })

async function ask(question) {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return completion.choices[0].message.content
}

module.exports = { ask }
