import { expect, test } from 'standin/vitest'
import { ask } from './ask'

test('says hello', async () => {
  expect(await ask('hello')).toBe('Hi there')
})
