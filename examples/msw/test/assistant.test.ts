import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { answer, streamWelcome, welcomeMessage } from '../src/assistant.js'
import { USERS_API } from '../src/users-api.js'
import { mock, server } from './server.js'

describe('the assistant, with OpenAI answered by standin next to the REST handlers', () => {
  test('welcomes a user by the name the REST API returned, with the fixture text', async () => {
    await expect(welcomeMessage(1)).resolves.toBe(
      'Welcome aboard, Ada! Your analytical engine is warmed up and ready.',
    )

    expect(mock).toHaveServedFixture('welcome')
    expect(mock).toHaveReceivedMessage('Write a welcome message for Ada Lovelace.', { role: 'user' })
    expect(mock).toHaveReceivedRequest({ path: '/v1/chat/completions', model: 'gpt-4o-mini', stream: false })
  })

  test('streams the welcome in several pieces', async () => {
    const pieces: string[] = []

    const text = await streamWelcome(1, (piece) => pieces.push(piece))

    expect(text).toBe('Welcome aboard, Ada! Your analytical engine is warmed up and ready.')
    expect(pieces.length).toBeGreaterThan(3)
    expect(mock).toHaveReceivedRequest({ stream: true })
  })

  test('runs the search tool the model asked for, against the REST API', async () => {
    await expect(answer("What's the weather in Paris?")).resolves.toBe('It is sunny in Paris today, 24°C.')

    expect(mock).toHaveReturnedToolCall('search')
    expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
    expect(mock).not.toHaveCalledTool('search', { query: expect.stringContaining('London') })
    expect(mock).toHaveRequestCount(2)
    expect(mock).toHaveNoUnmatchedRequests()
  })

  test('a test can bring its own REST data and its own fixture', async () => {
    server.use(http.get(`${USERS_API}/users/:id`, () => HttpResponse.json({ id: 2, name: 'Grace Hopper' })))
    mock.onMessage('Grace Hopper', { content: 'Welcome aboard, Admiral Hopper!' })

    await expect(welcomeMessage(2)).resolves.toBe('Welcome aboard, Admiral Hopper!')
  })

  test('a hand-written OpenAI handler put in front with server.use() still wins (MSW order)', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json({
          id: 'chatcmpl-hand-written',
          object: 'chat.completion',
          created: 0,
          model: 'gpt-4o-mini',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              logprobs: null,
              message: { role: 'assistant', content: 'Hello from a hand-written handler', refusal: null },
            },
          ],
        }),
      ),
    )

    await expect(welcomeMessage(1)).resolves.toBe('Hello from a hand-written handler')
    expect(mock).toHaveRequestCount(0)
  })
})
