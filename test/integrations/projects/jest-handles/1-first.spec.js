/* global require, test, expect */
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { standin } = require('standin/jest')
const { client } = require('../jest-shared/openai-agent')

const mock = standin()

test('a streamed answer over a keep-alive connection', async () => {
  writeFileSync(join(process.env.STANDIN_JEST_OUT, 'first-port'), String(mock.port))
  mock.onMessage('stream me', { content: 'a streamed answer in several chunks' })
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    messages: [{ role: 'user', content: 'stream me' }],
  })
  let text = ''
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
  expect(text).toBe('a streamed answer in several chunks')
})
