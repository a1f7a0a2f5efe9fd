/**
 * The floor: a raw node:http server that reads and JSON.parses the body and returns a fixed
 * chat.completion (or, for stream:true, an equivalent pre-built SSE body), with a content-length so node
 * writes it in one go. A mock on the same transport cannot do less work, so every server is compared
 * against it. With BENCH_LARGE=1 it also answers the large cases' requests, told apart by the last
 * message's text.
 */
import { createServer } from 'node:http'
import {
  BIG_PROMPT_MARKER,
  BIG_PROMPT_REPLY,
  HELLO_TEXT,
  LARGE_REPLY_PROMPT,
  largeEnabled,
  largeReplyText,
  MODEL,
  STREAM_TEXT,
} from '../fixtures.mjs'
import { control, ready } from './child.mjs'

/** A chat.completion body answering `text`, and an SSE body streaming `streamText` in 20-character deltas
 * (the mocks' default chunk size). */
function replies(text, streamText = text) {
  const completion = JSON.stringify({
    id: 'chatcmpl-floor',
    object: 'chat.completion',
    created: 1700000000,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
  })
  const chunk = (delta, finish) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-floor',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: MODEL,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })}\n\n`
  const frames = [chunk({ role: 'assistant', content: '' }, null)]
  for (let i = 0; i < streamText.length; i += 20)
    frames.push(chunk({ content: streamText.slice(i, i + 20) }, null))
  const sse = frames.join('') + chunk({}, 'stop') + 'data: [DONE]\n\n'
  return {
    json: {
      body: completion,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) },
    },
    sse: {
      body: sse,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'content-length': Buffer.byteLength(sse),
      },
    },
  }
}

// As the mocks' fixtures do: a non-streaming request gets the hello answer, a streaming one the 2,000 chars.
const hello = replies(HELLO_TEXT, STREAM_TEXT)
// The large cases: the 4 MB answer, and a short answer to the 4 MB prompts (matched by their first bytes).
const large = largeEnabled() ? replies(largeReplyText()) : null
const bigPrompt = largeEnabled() ? replies(BIG_PROMPT_REPLY) : null

/** The prepared reply for a parsed body: a prefix test on the last message, no matching beyond that. */
function pick(body) {
  if (!large) return hello
  const content = body.messages?.[body.messages.length - 1]?.content
  if (content === LARGE_REPLY_PROMPT) return large
  if (typeof content === 'string' && content.startsWith(BIG_PROMPT_MARKER)) return bigPrompt
  return hello
}

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    let body
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end('{"error":{"message":"bad json"}}')
      return
    }
    const { body: out, headers } = pick(body)[body.stream ? 'sse' : 'json']
    res.writeHead(200, headers)
    res.end(out)
  })
})
server.keepAliveTimeout = 5_000
server.listen(0, '127.0.0.1', () => {
  control({ stop: () => new Promise((resolve) => server.close(() => resolve())) })
  ready(`http://127.0.0.1:${server.address().port}`)
})
