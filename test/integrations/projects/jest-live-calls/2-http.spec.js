/* global require, test, expect */
const https = require('node:https')

function post(url) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST' }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.once('error', reject)
    req.end('{}')
  })
}

// The second file of the worker: the first file's guard went with it, this file's catches node:https.
test('explicit anthropic client over node:https is blocked', async () => {
  expect(await post('https://api.anthropic.com/v1/messages?key=secret-in-query')).toBe(403)
})
