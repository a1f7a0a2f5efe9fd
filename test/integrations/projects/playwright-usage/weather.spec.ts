import { expect, test } from 'standin/playwright'
import { ask } from './ask'

test('tells the weather', async () => {
  expect(await ask('weather today?')).toBe('Sunny')
})
