import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { runCli, startCli, tempFiles } from './cli-process'

const client = (url: string) => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 })
const ask = (url: string, content: string) =>
  client(url).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] })

const hello = { fixtures: [{ match: { userMessage: 'hello' }, response: { content: 'Hi from the CLI' } }] }

describe('standin serve', () => {
  test('prints one listening line and answers the openai SDK from the given fixtures', async () => {
    const dir = tempFiles({ 'hello.json': hello })
    const served = await startCli(['serve', '--fixtures', join(dir, 'hello.json'), '--port', '0'])
    await served.waitForStdout(/Press Ctrl\+C to stop/)

    expect(served.stdout().match(/standin listening on/g)).toHaveLength(1)
    expect(served.stdout()).toMatch(/hello\.json\s+1 fixture\b/)
    expect(served.stdout()).toContain(`baseURL: '${served.url}/v1'`)
    const reply = await ask(served.url, 'hello there')
    expect(reply.choices[0]!.message.content).toBe('Hi from the CLI')
  })

  test('accepts the short forms -f and -p, and fixture paths as plain arguments', async () => {
    const dir = tempFiles({
      'hello.json': hello,
      'bye.json': { fixtures: [{ match: { userMessage: 'bye' }, response: { content: 'Bye' } }] },
    })
    const served = await startCli(['serve', '-f', join(dir, 'hello.json'), '-p', '0', join(dir, 'bye.json')])
    expect((await ask(served.url, 'hello')).choices[0]!.message.content).toBe('Hi from the CLI')
    expect((await ask(served.url, 'bye')).choices[0]!.message.content).toBe('Bye')
  })

  test('with no arguments serves the bundled examples, found next to the built file from any folder', async () => {
    for (const args of [[], ['serve']]) {
      const served = await startCli(args, { cwd: tmpdir() })
      await served.waitForStdout(/Press Ctrl\+C to stop/)
      expect(served.stdout()).toContain('the bundled examples')
      expect(served.stdout()).toMatch(/chat\.json\s+\d+ fixtures/)
      expect((await ask(served.url, 'hello')).choices[0]!.message.content).toMatch(/^Hello!/)
      expect(await served.stop()).toBe(0)
    }
  })

  test('the printed curl request is answered by a fixture', async () => {
    const served = await startCli([], { cwd: tmpdir() })
    // Two lines, joined by a shell line continuation, so it pastes as one command.
    const curl = await served.waitForStdout(/curl -s (\S+) .* \\\n\s+-d '(.+)'$/m)
    const [, endpoint, body] = /curl -s (\S+) .* \\\n\s+-d '(.+)'$/.exec(curl)!
    const response = await fetch(endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    expect(response.status).toBe(200)
    expect((await response.json()).choices[0].message.content).toBeTruthy()
  })

  test('a bad fixture file stops serve with exit 1, naming the file, JSON path and expectation on stderr', async () => {
    const dir = tempFiles({
      'broken.json': {
        fixtures: [
          { match: { userMessage: 'x' }, response: { toolCalls: [{ name: '' }] } },
          { response: {} },
        ],
      },
    })
    const result = await runCli(['serve', '-f', join(dir, 'broken.json')], { cwd: dir })

    expect(result.code).toBe(1)
    expect(result.stdout).not.toContain('listening')
    expect(result.stderr).toContain(
      'broken.json at fixtures[0].response.toolCalls[0].name: expected a non-empty tool name',
    )
    expect(result.stderr).toContain('broken.json at fixtures[1].response: expected a response with one of')
  })

  test.each(['SIGTERM', 'SIGINT'] as const)('%s closes the server and exits 0', async (signal) => {
    const served = await startCli(['serve', '--port', '0'])
    expect(await served.stop(signal)).toBe(0)
    await expect(fetch(`${served.url}/health`)).rejects.toThrow()
  })

  test('--strict and --no-strict decide the miss status whatever CI says', async () => {
    for (const CI of ['true', undefined]) {
      const strict = await startCli(['serve', '--strict'], { env: { CI } })
      const lenient = await startCli(['serve', '--no-strict'], { env: { CI } })
      await expect(ask(strict.url, 'nothing matches this')).rejects.toMatchObject({ status: 503 })
      await expect(ask(lenient.url, 'nothing matches this')).rejects.toMatchObject({ status: 404 })
      expect(lenient.stdout()).toContain('Strict: off')
      await Promise.all([strict.stop(), lenient.stop()])
    }
  })

  test('a busy port fails with exit 1 and a hint', async () => {
    const first = await startCli(['serve'])
    const port = new URL(first.url).port
    const result = await runCli(['serve', '--port', port])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/EADDRINUSE.*--port 0/)
  })
})
