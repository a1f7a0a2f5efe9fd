import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { setupServer } from 'msw/node'
import { createStandin } from 'standin'
import { standinHandlers } from 'standin/msw'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ask } from './agent.js'

const mock = createStandin({ fixtures: fileURLToPath(new URL('./fixtures', import.meta.url)) })
const server = setupServer(...standinHandlers(mock))
const major = Number(
  (createRequire(import.meta.url)('msw/package.json') as { version: string }).version.split('.')[0],
)
const unhandled: string[] = []

beforeAll(() => {
  // msw 3 replaced `onUnhandledRequest` with `onUnhandledFrame`.
  const report = (request: Request) => void unhandled.push(`${request.method} ${request.url}`)
  if (major >= 3)
    server.listen({
      onUnhandledFrame: ({ frame }: { frame: { data: { request: Request } } }) => report(frame.data.request),
    } as never)
  else server.listen({ onUnhandledRequest: report })
})
afterAll(() => server.close())

test('the openai SDK at its default address is answered in-process from the fixture file', async () => {
  await expect(ask('what is the weather?', { baseURL: undefined })).resolves.toBe('Sunny in Paris.')
  expect(mock.journal.entries.map((entry) => entry.fixture !== null)).toEqual([true, true])
})

test('a fixture added in the test answers it', async () => {
  mock.onMessage('hello', { content: 'Added in the test' })
  await expect(ask('hello there', { baseURL: undefined })).resolves.toBe('Added in the test')
})

test('a request to another host is left to the unhandled-request callback', async () => {
  await fetch('http://example.invalid/nothing').catch(() => undefined)
  expect(unhandled).toEqual(['GET http://example.invalid/nothing'])
})
