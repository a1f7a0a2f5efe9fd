/**
 * The record layer's parts that need no provider: modes, upstream URLs, forwarded headers, credential
 * scrubbing, atomic files, the frame readers, exact matching of recordings, and the CLI's record flags.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createStandin } from '../../src'
import { parseCommandLine } from '../../src/cli/args'
import { readEntries, recordingFileName, RecordingFile, scrub, writeAtomically } from '../../src/record/files'
import { credentialValues, forwardedHeaders, injectKey } from '../../src/record/forward'
import { frameReader, readFrames } from '../../src/record/frames'
import { recordModeFromEnv, runnerRecordMode } from '../../src/record/modes'
import { joinUpstream, regionalDefault, upstreamBase } from '../../src/record/upstreams'
import { encodeEventStreamMessage } from '../../src/streaming/aws-event-stream'
import { createPacer } from '../../src/streaming/pacing'
import { SURFACES } from '../../src/providers'

const dirs: string[] = []
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-record-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('modes', () => {
  test('STANDIN_RECORD names the mode; 1/true mean missing; a typo fails naming the choices', () => {
    expect(recordModeFromEnv({})).toBeUndefined()
    expect(recordModeFromEnv({ STANDIN_RECORD: 'all' })).toBe('all')
    expect(recordModeFromEnv({ STANDIN_RECORD: '1' })).toBe('missing')
    expect(() => recordModeFromEnv({ STANDIN_RECORD: 'sometimes' })).toThrow(/replay, missing, all, live/)
  })

  test('a mock without record options takes STANDIN_RECORD as it is when the mock is made', () => {
    const before = createStandin()
    vi.stubEnv('STANDIN_RECORD', 'live')
    try {
      const live = createStandin()
      const recording = createStandin({ record: true })
      expect(live.recordMode).toBe('live')
      expect(recording.recordMode).toBe('live')
      vi.stubEnv('STANDIN_RECORD', 'sometimes')
      expect(() => createStandin()).toThrow(/replay, missing, all, live/)
    } finally {
      vi.unstubAllEnvs()
    }
    expect(before.recordMode).toBe('replay')
    expect(createStandin().recordMode).toBe('replay')
    expect(createStandin({ record: true }).recordMode).toBe('missing')
    expect(createStandin({ record: { mode: 'all' } }).recordMode).toBe('all')
    const { written, problems } = createStandin().recordings
    expect(written).toEqual([])
    expect(problems).toEqual([])
  })

  test('runners: the env wins, CI replays, -u re-records, else the option', () => {
    expect(runnerRecordMode({ option: 'missing' }, {})).toBe('missing')
    expect(runnerRecordMode({ option: 'missing' }, { CI: 'true' })).toBe('replay')
    expect(runnerRecordMode({ update: true }, { CI: 'true' })).toBe('replay')
    expect(runnerRecordMode({ update: true }, {})).toBe('all')
    expect(runnerRecordMode({ option: 'replay' }, { CI: 'true', STANDIN_RECORD: 'missing' })).toBe('missing')
  })
})

describe('upstreams', () => {
  test('options, then STANDIN_UPSTREAM_<PROVIDER>, then the public API; Azure has none', () => {
    expect(upstreamBase('openai', { openai: 'http://a' }, { STANDIN_UPSTREAM_OPENAI: 'http://b' })).toBe(
      'http://a',
    )
    expect(upstreamBase('openai', {}, { STANDIN_UPSTREAM_OPENAI: 'http://b' })).toBe('http://b')
    expect(upstreamBase('anthropic', {}, {})).toBe('https://api.anthropic.com')
    expect(upstreamBase('azure', {}, {})).toBeUndefined()
    // An empty variable (a CI template's blank) means unset, never an invalid URL.
    expect(upstreamBase('openai', {}, { STANDIN_UPSTREAM_OPENAI: ' ' })).toBe('https://api.openai.com')
  })

  test('Vertex and Bedrock default to the region the request names', () => {
    expect(
      regionalDefault('vertexai', '/v1/projects/p/locations/europe-west4/publishers/google/models/m:x', null),
    ).toBe('https://europe-west4-aiplatform.googleapis.com')
    const sigv4 =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-central-1/bedrock/aws4_request, SignedHeaders=host, Signature=ab'
    expect(regionalDefault('bedrock', '/model/x/converse', sigv4)).toBe(
      'https://bedrock-runtime.eu-central-1.amazonaws.com',
    )
  })

  test("a base URL's own path prefixes the request's path and query", () => {
    expect(joinUpstream('https://proxy.example/openai/', '/v1/chat/completions?x=1').href).toBe(
      'https://proxy.example/openai/v1/chat/completions?x=1',
    )
  })
})

describe('forwarding', () => {
  test('hop-by-hop, host, length, cookies and the mock’s own headers stay behind; credentials go', () => {
    const headers = forwardedHeaders([
      ['host', '127.0.0.1:1'],
      ['connection', 'keep-alive, x-hop'],
      ['x-hop', '1'],
      ['content-length', '10'],
      ['cookie', 'a=b'],
      ['x-standin-session', 's1'],
      ['x-aimock-context', 'c'],
      ['authorization', 'Bearer sk-test-1234567890'],
      ['content-type', 'application/json'],
    ])
    expect([...headers.keys()].sort()).toEqual(['authorization', 'content-type'])
  })

  test('a configured key replaces the client’s in the provider’s scheme', () => {
    const anthropic = new Map([['authorization', 'Bearer dummy']])
    injectKey('anthropic', anthropic, new URL('https://x/v1/messages'), 'sk-ant-real-key')
    expect(Object.fromEntries(anthropic)).toEqual({ 'x-api-key': 'sk-ant-real-key' })
    const url = new URL('https://x/v1beta/models/m:generateContent?key=dummy')
    const gemini = new Map<string, string>()
    injectKey('gemini', gemini, url, 'AIza-real-key')
    expect(url.search).toBe('')
    expect(gemini.get('x-goog-api-key')).toBe('AIza-real-key')
  })

  test('every credential the request carries is listed for scrubbing (short ones are not)', () => {
    const values = credentialValues(
      new Map([
        [
          'authorization',
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE12/20260101/us-east-1/bedrock/aws4_request, Signature=abcdef0123',
        ],
        ['x-api-key', 'short'],
      ]),
      new URL('https://x/?key=AIzaSyExample123'),
    )
    expect(values).toEqual(expect.arrayContaining(['AKIDEXAMPLE12', 'abcdef0123', 'AIzaSyExample123']))
    expect(values).not.toContain('short')
  })
})

describe('files', () => {
  test('scrub replaces a secret wherever it appears in JSON text', () => {
    const text = JSON.stringify({ error: 'Incorrect API key provided: sk-live-abcdef123456' })
    expect(scrub(text, ['sk-live-abcdef123456'])).not.toContain('sk-live-abcdef123456')
  })

  test('an atomic write leaves the old file or the new one, and no temporary file', async () => {
    const dir = scratch()
    const file = join(dir, 'a.json')
    writeFileSync(file, 'old')
    await writeAtomically(file, 'new')
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['a.json'])
  })

  test('writes queued on one file all land, in order', async () => {
    const dir = scratch()
    const file = new RecordingFile(join(dir, 'sub', 't.json'), true)
    const entry = (n: number) => ({ match: { userMessage: `m${n}` }, response: { content: `r${n}` } })
    await Promise.all([1, 2, 3, 4, 5].map((n) => file.append(entry(n), [])))
    expect(readEntries(file.path).map((e) => e.match?.userMessage)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
  })

  test('a corrupt recording fails loudly with its file', () => {
    const dir = scratch()
    writeFileSync(join(dir, 'bad.json'), '{"fixtures": [{"response": {}}]}')
    expect(() => readEntries(join(dir, 'bad.json'))).toThrow(/bad\.json/)
  })

  test('outside a test, a recording is named from its match, the same every time', () => {
    const entry = { match: { userMessage: 'What is the weather in Paris?' }, response: { content: 'x' } }
    const name = recordingFileName('/r', 'openai', entry)
    expect(name).toMatch(/^\/r\/openai-what-is-the-weather-in-paris-[0-9a-f]{8}\.json$/)
    expect(recordingFileName('/r', 'openai', entry)).toBe(name)
  })
})

describe('frame readers', () => {
  test('SSE split anywhere reads back the same events, [DONE] as text', () => {
    const body = 'event: a\ndata: {"x":1}\n\ndata: [DONE]\n\n'
    for (let cut = 1; cut < body.length; cut++) {
      const reader = frameReader('sse')
      const frames = [...reader.push(body.slice(0, cut)), ...reader.push(body.slice(cut)), ...reader.end()]
      expect(frames).toEqual([{ event: 'a', data: { x: 1 } }, { data: '[DONE]' }])
    }
  })

  test('NDJSON, a JSON array and AWS event stream messages read back', () => {
    expect(readFrames('ndjson', '{"a":1}\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }])
    expect(readFrames('json-array', '[{"a":1}\r\n,{"b":2}]')).toEqual([{ a: 1 }, { b: 2 }])
    const bytes = Buffer.concat([
      encodeEventStreamMessage({
        headers: { ':event-type': 'messageStart' },
        payload: '{"role":"assistant"}',
      }),
      encodeEventStreamMessage({ headers: { ':event-type': 'messageStop' }, payload: '{}' }),
    ])
    const frames = readFrames('aws-eventstream', bytes) as {
      headers: Record<string, string>
      payload: Uint8Array
    }[]
    expect(frames.map((f) => f.headers[':event-type'])).toEqual(['messageStart', 'messageStop'])
    expect(Buffer.from(frames[0]!.payload).toString()).toBe('{"role":"assistant"}')
  })

  test('a corrupt event stream message fails (CRC checked)', () => {
    const bytes = Buffer.from(encodeEventStreamMessage({ headers: {}, payload: '{}' }))
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff
    expect(() => readFrames('aws-eventstream', bytes)).toThrow()
  })
})

describe('exact matches (recordings)', () => {
  test('exact text and turn: "hi" does not answer "hi there", and turn 0 does not answer turn 1', async () => {
    const mock = createStandin({ strict: true })
    mock.add([
      { match: { userMessage: 'hi', turnIndex: 0, exact: true }, response: { content: 'recorded hi' } },
    ])
    const ask = async (messages: unknown[]) =>
      mock.handle(
        new Request('http://x/v1/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o', messages }),
        }),
      )
    expect((await ask([{ role: 'user', content: 'hi' }])).status).toBe(200)
    expect((await ask([{ role: 'user', content: 'hi there' }])).status).toBe(503)
    const later = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'earlier' },
      { role: 'user', content: 'hi' },
    ]
    expect((await ask(later)).status).toBe(503)
  })

  test('a batch of embeddings replays one vector per input', async () => {
    const mock = createStandin()
    mock.add([
      {
        match: { inputText: 'a b', exact: true },
        response: {
          embeddings: [
            [1, 0],
            [0, 1],
          ],
        },
      },
    ])
    const response = await mock.handle(
      new Request('http://x/v1/embeddings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: ['a', 'b'] }),
      }),
    )
    const body = (await response.json()) as { data: { embedding: number[] }[] }
    expect(body.data.map((d) => d.embedding)).toEqual([
      [1, 0],
      [0, 1],
    ])
  })
})

describe('CLI', () => {
  test('--record, --proxy-only, --record-mode and the nine --provider-* flags', () => {
    const run = parseCommandLine([
      'serve',
      '-f',
      'fx',
      '--record',
      '--provider-openai',
      'https://api.openai.com',
      '--provider-vertexai',
      'https://v',
    ])
    expect(run).toMatchObject({
      command: 'serve',
      flags: {
        recordMode: 'missing',
        upstreams: { openai: 'https://api.openai.com', vertexai: 'https://v' },
      },
    })
    expect(parseCommandLine(['serve', '--proxy-only'])).toMatchObject({ flags: { recordMode: 'live' } })
    expect(parseCommandLine(['record', 'fx'])).toMatchObject({
      flags: { recordMode: 'missing', fixtures: ['fx'] },
    })
    expect(() => parseCommandLine(['serve', '--record-mode', 'often'])).toThrow(/replay, missing, all, live/)
    expect(() => parseCommandLine(['serve', '--provider-openai', 'api.openai.com'])).toThrow(/http\(s\) URL/)
    expect(() => parseCommandLine(['serve', '--provider-elevenlabs', 'https://x'])).toThrow(
      /--provider-openai/,
    )
  })
})

describe('recorded cadence', () => {
  test('recordedTimings pace a stream only at a set replay speed; extra chunks wait the average gap', () => {
    const timings = { ttftMs: 100, interChunkDelaysMs: [10, 30] }
    expect(createPacer({ recordedTimings: timings }, Math.random)).toBeUndefined()
    const pacer = createPacer({ recordedTimings: timings, replaySpeed: 2 }, Math.random)!
    expect([0, 1, 2, 3, 9].map((index) => pacer(index, 'chunk'))).toEqual([50, 5, 15, 10, 10])
  })
})

describe('every surface can be recorded', () => {
  test('each chat and embedding surface reads its answers back, streams included', () => {
    const missing: string[] = []
    for (const surface of SURFACES) {
      // Services are not recorded: their misses have defaults (see src/services/service-result.ts).
      if (surface.kind === 'static' || surface.kind === 'service') continue
      if (!surface.response) missing.push(`${surface.id}: no response decoder`)
      else if (surface.kind === 'chat' && surface.stream && !surface.response.stream) {
        missing.push(`${surface.id}: no stream decoder`)
      }
    }
    expect(missing).toEqual([])
  })
})
