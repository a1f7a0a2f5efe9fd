import { describe } from 'vitest'
import { test } from 'standin/vitest'
import { defineOwnAddressTests } from '../own-address'

describe('test.concurrent', () => {
  defineOwnAddressTests(test.concurrent, 'test.concurrent')
})

describe.concurrent('describe.concurrent', () => {
  defineOwnAddressTests(test, 'describe.concurrent')
})
