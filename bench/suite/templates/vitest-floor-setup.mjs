// The bare-server variant's setup file: started like standin's (a setup file, once per test file in its
// worker, before the test file loads), the SDK pointed at it through OPENAI_BASE_URL, closed after the file.
import { afterAll } from 'vitest'
import floor from './floor-server.cjs'

const server = await floor.startFloor()
process.env.OPENAI_BASE_URL = `${server.url}/v1`
afterAll(() => server.close())
