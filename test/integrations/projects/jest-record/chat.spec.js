/* global require, describe, test, expect */
const { standin } = require('standin/jest')
const { ask, note } = require('./ask')

const mock = standin()

describe('greeting', () => {
  // Both send the same prompt: each test keeps the answer it recorded.
  test('first asks hello', async () => {
    note('first', await ask('hello'))
    expect(mock).toHaveRequestCount(1)
    expect(mock).toHaveNoUnmatchedRequests()
  })

  test('second asks hello', async () => {
    note('second', await ask('hello'))
  })
})

test('asks: "why?" / twice', async () => {
  note('why-1', await ask('why?'))
  note('why-2', await ask('and why not?'))
})

test('streams its answer', async () => {
  note('stream', await ask('tell me a story', { stream: true }))
})

test('sends nothing', () => {
  expect(1 + 1).toBe(2)
})
