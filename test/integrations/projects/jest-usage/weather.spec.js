/* global require, test, expect */
const { ask } = require('./ask')

test('tells the weather', async () => {
  expect(await ask('weather today?')).toBe('Sunny')
})
