import { expect, test } from '@jest/globals'
import { standin } from 'standin/jest'

test('a misspelt matcher on expect from @jest/globals', () => {
  expect(standin()).toHaveRecievedMessage('hello') // error
})
