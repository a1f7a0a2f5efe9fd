/* global require, test, expect */
const { ask } = require('./ask')

test('says hello', async () => {
  expect(await ask('hello')).toBe('Hi there')
})
