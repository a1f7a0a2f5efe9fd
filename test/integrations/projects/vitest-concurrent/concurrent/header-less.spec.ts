import OpenAI from 'openai'
import { describe } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask } from '../own-address'
import { meeting, signal } from '../meeting'

// Built once from OPENAI_BASE_URL (the worker's address): its requests name no test.
const shared = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

describe('an SDK that swallows the 400', () => {
  const meet = meeting(2)
  const refused = signal()
  test.concurrent('fails: the test whose request named no session', async () => {
    await meet()
    await ask(shared, 'shared question').catch(() => 'swallowed')
    refused.fire()
  })
  test.concurrent('fails: the test running beside it', async () => {
    await meet()
    await refused.done
  })
})

describe('an SDK that throws the 400', () => {
  const meet = meeting(2)
  const refused = signal()
  test.concurrent('fails: the test whose SDK threw', async () => {
    await meet()
    await ask(shared, 'shared question').finally(refused.fire)
  })
  test.concurrent('fails: the other test, though it sent nothing', async () => {
    await meet()
    await refused.done
  })
})

describe('one test left', () => {
  const meet = meeting(2)
  test.concurrent('passes: a test that ends first', async () => {
    await meet()
  })
  test.concurrent('passes: the remaining test gets header-less requests again', async ({ standin }) => {
    await meet()
    await expect.poll(() => standin.mock.currentSession).toBe(standin.id)
    standin.on({ userMessage: 'shared question' }, { content: 'mine alone' })
    expect(await ask(shared, 'shared question')).toBe('mine alone')
    expect(standin).toHaveRequestCount(1)
  })
})

test('passes: tests one at a time get header-less requests, as before', async ({ standin }) => {
  expect(await ask(shared, 'shared question')).toBe('from the file')
  expect(standin).toHaveServedFixture('from-file')
  expect(standin).toHaveRequestCount(1)
})

describe('a refusal and a live call in one test', () => {
  const meet = meeting(2)
  const refused = signal()
  test.concurrent('fails: refused and blocked, both reported', async () => {
    await meet()
    await ask(shared, 'shared question').catch(() => 'swallowed')
    refused.fire()
    // The guard answers 403 and the test body swallows it: only standin's end-of-test checks fail it.
    const live = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-live', maxRetries: 0 })
    await live.models.list().catch(() => 'swallowed')
  })
  test.concurrent('fails: the test beside the refused and blocked one', async () => {
    await meet()
    await refused.done
  })
})
