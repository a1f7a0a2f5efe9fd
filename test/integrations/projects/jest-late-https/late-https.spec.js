/* global require, test, expect */
// The sandbox's process is a copy made as Jest built this file's environment: the worker's builtins then.
const httpsLoadedAtStart = process.moduleLoadList.includes('NativeModule https')

test('node:https is not loaded when the file starts', () => {
  expect(httpsLoadedAtStart).toBe(false)
})

// Required here, after the guard started (setupFilesAfterEnv's beforeAll): the guard wraps it as it loads.
test('a provider call over node:https required inside a test is blocked', async () => {
  const https = require('node:https')
  const status = await new Promise((resolve, reject) => {
    const req = https.request('https://api.openai.com/v1/chat/completions', { method: 'POST' }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.once('error', reject)
    req.end('{}')
  })
  expect(status).toBe(403)
})
