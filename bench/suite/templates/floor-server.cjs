/* global require, module */
// The "bare server" variant's mock: a raw node:http server on port 0 that answers any POST with a
// chat.completion whose content is the last user message with "question" replaced by "answer", which is
// what the standin variant's per-test fixture answers. It does no matching, journaling or validation:
// the least a mock reached over a port can do, so the standin variant's extra time is standin's own cost.
const { createServer } = require('node:http')

function completion(content) {
  return JSON.stringify({
    id: 'chatcmpl-floor',
    object: 'chat.completion',
    created: 1700000000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 },
  })
}

/** Starts the server; resolves with its URL and a close(). */
function startFloor() {
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      const last = body.messages[body.messages.length - 1]
      const reply = completion(String(last.content).replace('question', 'answer'))
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) })
      res.end(reply)
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}

module.exports = { startFloor }
