/* global require, module */
// What the tests of this project share: an openai client built at module load (as apps do), a question
// (plain or streamed), and a note of each answer in STANDIN_JEST_OUT, which the driver compares across runs.
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { OpenAI } = require('openai')

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

async function ask(prompt, { stream = false } = {}) {
  const messages = [{ role: 'user', content: prompt }]
  if (!stream) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages })
    return completion.choices[0].message.content
  }
  const chunks = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true })
  let text = ''
  for await (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? ''
  return text
}

function note(test, answer) {
  writeFileSync(join(process.env.STANDIN_JEST_OUT, `answer-${test}.json`), JSON.stringify({ test, answer }))
}

module.exports = { ask, note }
