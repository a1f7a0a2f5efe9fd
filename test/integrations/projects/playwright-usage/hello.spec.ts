import { expect, test } from 'standin/playwright'
import { ask } from './ask'

test('says hello', async () => {
  expect(await ask('hello')).toBe('Hi there')
})
