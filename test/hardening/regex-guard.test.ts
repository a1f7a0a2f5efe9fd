/**
 * A fixture regex that backtracks catastrophically cannot stall the server: it is flagged when loaded
 * (file and JSON path named), and matching it is time-limited, so the request misses with the timeout
 * named and every other request (here `/health`) is answered. Time is never asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createStandin, loadFixtureFiles } from '../../src'
import { runCli } from '../cli/cli-process'
import { postJson, startOpenAIMock } from '../helpers/mock-server'

/** 31 characters: `^(a+)+$` takes ~44 s to reject this in V8 without a limit. */
const EVIL_MESSAGE = `${'a'.repeat(30)}!`

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  vi.restoreAllMocks()
})

function fileWith(fixtures: unknown[]): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'standin-regex-'))
  folders.push(root)
  writeFileSync(join(root, 'patterns.json'), JSON.stringify({ fixtures }))
  return { root, file: join(root, 'patterns.json') }
}

const regexFixture = (field: string, regex: string, content = 'matched') => ({
  match: { [field]: { regex } },
  response: { content },
})

describe('catastrophic patterns are flagged when loaded', () => {
  test('a file names the file and JSON path of each risky pattern', () => {
    const { root, file } = fileWith([
      regexFixture('userMessage', '^(a+)+$'),
      regexFixture('systemMessage', '(x+x+)+y'),
      regexFixture('model', '^(\\w+\\s?)*$'),
    ])
    const { warnings } = loadFixtureFiles([file], root)
    expect(warnings.map(({ file, path }) => `${file} at ${path}`)).toEqual([
      'patterns.json at fixtures[0].match.userMessage',
      'patterns.json at fixtures[1].match.systemMessage',
      'patterns.json at fixtures[2].match.model',
    ])
    expect(warnings[0]!.message).toBe(
      'regex /^(a+)+$/ can backtrack catastrophically (exponential time on input like "aaa…"); matching it is limited to 100 ms per text, and a text that takes longer counts as no match',
    )
  })

  test('ordinary patterns are not flagged', () => {
    const ordinary = [
      'weather|forecast',
      '^hello',
      '\\bweather\\b',
      '^(hi|hello)\\b',
      '[Ww]eather.*today',
      'what.*(weather|temperature)',
      '^gpt-4o(-mini)?$',
      'claude-3-(opus|sonnet|haiku)',
      '^\\d{3}-\\d{4}$',
      '^(?:\\w+ )+please$',
    ]
    const { root, file } = fileWith(ordinary.map((regex) => regexFixture('userMessage', regex)))
    expect(loadFixtureFiles([file], root).warnings).toEqual([])
  })

  test('a pattern given in code gets a process warning naming on()', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    createStandin({ strict: false }).onMessage(/^(a+)+$/, { content: 'never' })
    expect(emit).toHaveBeenCalledWith(
      expect.stringMatching(
        /^on\(\) at match\.userMessage: regex \/\^\(a\+\)\+\$\/ can backtrack catastrophically/,
      ),
      { code: 'STANDIN_FIXTURE' },
    )
  })

  test('the control API returns the warning with the fixtures it added', async () => {
    const { url, close } = await startOpenAIMock()
    try {
      const response = await postJson(`${url}/__standin/fixtures`, {
        fixtures: [regexFixture('userMessage', '^(a+)+$')],
      })
      expect(response.status).toBe(200)
      const { warnings } = (await response.json()) as { warnings: Array<{ path: string; message: string }> }
      expect(warnings).toEqual([
        {
          file: 'control API',
          path: 'fixtures[0].match.userMessage',
          message: expect.stringMatching(/can backtrack catastrophically/),
        },
      ])
    } finally {
      await close()
    }
  })

  test('standin validate prints it as a warning', async () => {
    const { root } = fileWith([regexFixture('userMessage', '^(a+)+$')])
    const result = await runCli(['validate', 'patterns.json'], { cwd: root })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'patterns.json at fixtures[0].match.userMessage: regex /^(a+)+$/ can backtrack catastrophically',
    )
  })
})

describe('matching a flagged pattern is time-limited', () => {
  test('`^(a+)+$` against a 31-character message: a miss naming the timeout, while /health answers', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const { file } = fileWith([regexFixture('userMessage', '^(a+)+$', 'never')])
    const { client, url, close } = await startOpenAIMock({ fixtures: file })
    try {
      const [chat, health] = await Promise.allSettled([
        client.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: EVIL_MESSAGE }],
        }),
        fetch(`${url}/health`),
      ])
      expect(health.status === 'fulfilled' && health.value.status).toBe(200)
      expect(chat.status).toBe('rejected')
      const error = (chat as PromiseRejectedResult).reason as InstanceType<typeof OpenAI.NotFoundError>
      expect(error).toBeInstanceOf(OpenAI.NotFoundError)
      expect(error.message).toContain('userMessage expected "/^(a+)+$/"')
      expect(error.message).toContain('the pattern timed out after 100 ms, so it counted as no match')
    } finally {
      await close()
    }
  })

  test('the timeout is reported once as a process warning, for when another fixture answers', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const standin = createStandin({ strict: false })
    standin.on({ systemMessage: /^(a+)+$/ }, { content: 'never' })
    standin.on({}, { content: 'fallback' })
    const server = await standin.listen({ port: 0 })
    try {
      const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test', maxRetries: 0 })
      const ask = () =>
        openai.chat.completions.create({
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: EVIL_MESSAGE },
            { role: 'user', content: 'hi' },
          ],
        })
      expect((await ask()).choices[0]!.message.content).toBe('fallback')
      expect((await ask()).choices[0]!.message.content).toBe('fallback')
      const timeouts = emit.mock.calls.filter(
        ([, options]) => (options as { code?: string })?.code === 'STANDIN_REGEX_TIMEOUT',
      )
      expect(timeouts.map(([message]) => message)).toEqual([
        'regex /^(a+)+$/ timed out after 100 ms on a 31-character text and counted as no match',
      ])
    } finally {
      await server.close()
    }
  })

  test('a flagged pattern still matches the text it was written for', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const { file } = fileWith([regexFixture('userMessage', '^(a+)+$', 'all a')])
    const { client, close } = await startOpenAIMock({ fixtures: file })
    try {
      const reply = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'aaaaaaaa' }],
      })
      expect(reply.choices[0]!.message.content).toBe('all a')
    } finally {
      await close()
    }
  })
})
