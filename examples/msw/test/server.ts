/**
 * One MSW server for the whole suite: the existing REST handlers first, then standin's, which own
 * api.openai.com (and the other providers' hosts) and answer from ./fixtures.
 */
import { fileURLToPath } from 'node:url'
import { setupServer } from 'msw/node'
import { createStandin } from 'standin'
import { standinHandlers } from 'standin/msw'
import { handlers } from './handlers.js'

export const mock = createStandin({ fixtures: fileURLToPath(new URL('../fixtures', import.meta.url)) })

export const server = setupServer(...handlers, ...standinHandlers(mock))
