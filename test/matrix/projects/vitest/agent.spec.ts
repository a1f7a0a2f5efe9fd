import { test, expect } from 'standin/vitest'
import { ask } from './agent.js'

test('a file fixture answers the tool loop, and the matchers see the call', async ({ standin }) => {
  await expect(ask('what is the weather?')).resolves.toBe('Sunny in Paris.')
  expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(standin).not.toHaveCalledTool('calendar')
})

test('a fixture added in the test answers it', async ({ standin }) => {
  standin.on({ userMessage: 'hello' }, { content: 'Hi from this test' })
  await expect(ask('hello there')).resolves.toBe('Hi from this test')
  expect(standin).toHaveReceivedRequest({ path: '/v1/chat/completions' })
})

test('a failing matcher says what it expected', async ({ standin }) => {
  await ask('what is the weather?')
  expect(() => expect(standin).toHaveCalledTool('calendar')).toThrow(/calendar/)
})

test('one port speaks HTTP/1.1 and cleartext HTTP/2 (h2c, as the AWS SDK does) on this Node', async ({
  standin,
}) => {
  standin.on({ userMessage: 'over h2c' }, { content: 'Hi over HTTP/2' })
  const { connect } = await import('node:http2')
  const session = connect(standin.url)
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/v1/chat/completions',
        'content-type': 'application/json',
      })
      let body = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => (body += chunk))
      stream.on('end', () => resolve(body))
      stream.on('error', reject)
      stream.end(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'over h2c' }] }))
    })
    expect(JSON.parse(text).choices[0].message.content).toBe('Hi over HTTP/2')
  } finally {
    session.close()
  }
  // The same port still answers HTTP/1.1 after it.
  await expect(ask('what is the weather?')).resolves.toBe('Sunny in Paris.')
})

test('a stream cut after N chunks reaches the SDK with exactly those chunks, then throws', async ({
  standin,
}) => {
  standin.on(
    { userMessage: 'cut me' },
    { content: 'one two three four' },
    { truncateAfterChunks: 3, chunkSize: 4 },
  )
  const { default: OpenAI } = await import('openai')
  const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: 'sk-test', maxRetries: 0 })
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'cut me' }],
    stream: true,
  })
  const seen: string[] = []
  const error = await (async () => {
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '')
  })().catch((e: unknown) => e)
  // The role chunk, then the first two 4-character pieces; never a clean end.
  expect(seen).toEqual(['', 'one ', 'two '])
  expect(error).toBeInstanceOf(Error)
})
