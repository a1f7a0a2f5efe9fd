/**
 * The floor: a raw node:http server that reads and JSON.parses the body and returns a fixed
 * chat.completion (or, for stream:true, an equivalent pre-built SSE body), with a content-length so node
 * writes it in one go. A mock on the same transport cannot do less work, so every server is compared
 * against it.
 */
import { createServer } from 'node:http'
import { HELLO_TEXT, MODEL, STREAM_TEXT } from '../fixtures.mjs'
import { control, ready } from './child.mjs'

const completion = JSON.stringify({
  id: 'chatcmpl-floor',
  object: 'chat.completion',
  created: 1700000000,
  model: MODEL,
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: HELLO_TEXT, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
})

const sse = (() => {
  const chunk = (delta, finish) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-floor',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: MODEL,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })}\n\n`
  let body = chunk({ role: 'assistant', content: '' }, null)
  for (let i = 0; i < STREAM_TEXT.length; i += 20)
    body += chunk({ content: STREAM_TEXT.slice(i, i + 20) }, null)
  return body + chunk({}, 'stop') + 'data: [DONE]\n\n'
})()

const completionHeaders = {
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(completion),
}
const sseHeaders = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'content-length': Buffer.byteLength(sse),
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
    if (body.stream) {
      res.writeHead(200, sseHeaders)
      res.end(sse)
    } else {
      res.writeHead(200, completionHeaders)
      res.end(completion)
    }
  })
})
server.keepAliveTimeout = 5_000
server.listen(0, '127.0.0.1', () => {
  control({ stop: () => new Promise((resolve) => server.close(() => resolve())) })
  ready(`http://127.0.0.1:${server.address().port}`)
})
