/**
 * No credential reaches the journal, in any carrier: headers (every provider SDK's own) and query
 * parameters (Gemini's `?key=`), whether the request matched, missed or had no route, read through
 * `mock.journal` or `GET /__standin/journal`.
 */
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { GoogleGenAI } from '@google/genai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src'

const MODEL = 'gemini-2.5-flash'
const GEMINI_KEY = 'AIzaSy-gemini-header-SECRET'
const QUERY_KEY = 'AIzaSy-gemini-query-SECRET'
const AWS_SESSION_TOKEN = 'FwoGZXIvYXdzEaws-session-SECRET'
const AWS_SECRET = 'aws-secret-access-key-SECRET'

let mock: Standin
let url: string
let close: () => Promise<void>
beforeAll(async () => {
  mock = createStandin({ strict: false })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
})
afterAll(() => close())
beforeEach(() => {
  mock.reset()
  mock.onMessage('weather', { content: 'Sunny.' })
})

/** Both journals as text: the one in this process and the one the control API serves. */
async function journalsText(): Promise<string> {
  const served = await (await fetch(`${url}/__standin/journal`)).text()
  return JSON.stringify(mock.journal.toJSON()) + served
}

describe('the journal keeps no credential', () => {
  test("@google/genai's x-goog-api-key header", async () => {
    const ai = new GoogleGenAI({ apiKey: GEMINI_KEY, httpOptions: { baseUrl: url } })
    const reply = await ai.models.generateContent({ model: MODEL, contents: 'weather?' })
    expect(reply.text).toBe('Sunny.')
    expect(mock.journal.last()!.headers['x-goog-api-key']).toBe('[redacted]')
    expect(await journalsText()).not.toContain(GEMINI_KEY)
  })

  test("Gemini's ?key= query parameter, on a match, a miss and an unknown route", async () => {
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'weather?' }] }] })
    const miss = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'nothing matches' }] }] })
    const post = (path: string, payload: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      })
    const generate = `/v1beta/models/${MODEL}:generateContent`
    expect((await post(`${generate}?key=${QUERY_KEY}`, body)).status).toBe(200)
    expect((await post(`${generate}?alt=sse&key=${QUERY_KEY}`, miss)).status).toBe(404)
    expect((await post(`/v1beta/nowhere?key=${QUERY_KEY}`, body)).status).toBe(404)
    expect(mock.journal.entries.map((e) => e.path)).toEqual([
      `${generate}?key=[redacted]`,
      `${generate}?alt=sse&key=[redacted]`,
      '/v1beta/nowhere?key=[redacted]',
    ])
    expect(await journalsText()).not.toContain(QUERY_KEY)
  })

  test("the AWS SDK's session token and SigV4 signature (Bedrock, h2c)", async () => {
    const client = new BedrockRuntimeClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: AWS_SECRET,
        sessionToken: AWS_SESSION_TOKEN,
      },
      maxAttempts: 1,
    })
    try {
      const reply = await client.send(
        new ConverseCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          messages: [{ role: 'user', content: [{ text: 'weather?' }] }],
        }),
      )
      expect(reply.output?.message?.content?.[0]?.text).toBe('Sunny.')
    } finally {
      client.destroy()
    }
    const headers = mock.journal.last()!.headers
    expect(headers['x-amz-security-token']).toBe('[redacted]')
    expect(headers.authorization).toBe('[redacted]')
    // A body hash and a time: kept, they are what a signed request is read with.
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/)
    // HTTP/2's pseudo-headers (:method, :path...) are not headers: the journal leaves them out.
    expect(Object.keys(headers).filter((name) => name.startsWith(':'))).toEqual([])
    expect(headers['content-type']).toBe('application/json')
    const text = await journalsText()
    expect(text).not.toContain(AWS_SESSION_TOKEN)
    expect(text).not.toContain('Signature=')
    expect(text).not.toContain('AKIDEXAMPLE')
  })

  test("a session's journal served by the control API is redacted too", async () => {
    await fetch(`${url}/_s/alice/v1beta/models/${MODEL}:generateContent?key=${QUERY_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': GEMINI_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'weather?' }] }] }),
    })
    const served = await (await fetch(`${url}/__standin/sessions/alice/journal`)).text()
    expect(JSON.parse(served)).toHaveLength(1)
    expect(served).not.toContain(QUERY_KEY)
    expect(served).not.toContain(GEMINI_KEY)
  })
})
