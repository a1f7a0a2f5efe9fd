/**
 * Record, then replay, through @aws-sdk/client-bedrock-runtime (on its default HTTP/2 handler: standin
 * sniffs HTTP/2) for a Claude model id: Converse and ConverseStream with the toolUse loop and reasoning,
 * InvokeModel and InvokeModelWithResponseStream with Anthropic bodies. The request reaches the fake signed
 * again (SigV4) with the credentials in the environment, for the fake's host; neither the client's nor the
 * environment's access key id or secret is ever written.
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ContentBlock,
  type ConverseCommandOutput,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime'
import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT, type FakeRequest } from './fake-upstream'
import { recordedEntries, recordThenReplay } from './harness'

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const REGION = 'eu-west-3'
/** What the client signs with (for the mock's host). */
const CLIENT = { accessKeyId: 'AKIACLIENTTESTKEY0001', secretAccessKey: 'client-secret-key/0123456789abcdef' }
/** What standin signs the upstream request with (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
const UPSTREAM = {
  accessKeyId: 'AKIAUPSTREAMTEST0002',
  secretAccessKey: 'upstream-secret-key/9876543210fedcba',
}
const SECRETS = [CLIENT.accessKeyId, CLIENT.secretAccessKey, UPSTREAM.accessKeyId, UPSTREAM.secretAccessKey]

beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', UPSTREAM.accessKeyId)
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', UPSTREAM.secretAccessKey)
  vi.stubEnv('AWS_SESSION_TOKEN', '')
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/** A client for one run, destroyed when the scenario is done. */
async function withClient<T>(url: string, use: (client: BedrockRuntimeClient) => Promise<T>): Promise<T> {
  const client = new BedrockRuntimeClient({
    endpoint: url,
    region: REGION,
    credentials: CLIENT,
    maxAttempts: 1,
  })
  try {
    return await use(client)
  } finally {
    client.destroy()
  }
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

const user = (text: string): Message[] => [{ role: 'user', content: [{ text }] }]
const toolConfig = {
  tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
}

/** What a client reads of a Converse answer (the request id is the service's, not the answer's). */
function converseSeen(output: ConverseCommandOutput) {
  return {
    content: output.output?.message?.content,
    stopReason: output.stopReason,
    usage: { input: output.usage?.inputTokens, output: output.usage?.outputTokens },
  }
}

/** ConverseStream's events assembled into content blocks, as a client accumulates them. */
function converseStreamSeen(events: ConverseStreamOutput[]) {
  const blocks = new Map<number, ContentBlock & { inputText?: string }>()
  const block = (index: number) => {
    if (!blocks.has(index)) blocks.set(index, {} as ContentBlock)
    return blocks.get(index)! as Record<string, any>
  }
  let stopReason: string | undefined
  let usage: { input?: number; output?: number } = {}
  for (const event of events) {
    if (event.contentBlockStart?.start?.toolUse) {
      const { name, toolUseId } = event.contentBlockStart.start.toolUse
      block(event.contentBlockStart.contentBlockIndex!).toolUse = { name, toolUseId, input: '' }
    }
    const delta = event.contentBlockDelta?.delta
    if (delta) {
      const target = block(event.contentBlockDelta!.contentBlockIndex!)
      if (delta.text !== undefined) target.text = (target.text ?? '') + delta.text
      if (delta.toolUse) target.toolUse.input += delta.toolUse.input ?? ''
      if (delta.reasoningContent) {
        const reasoning = (target.reasoningContent ??= { reasoningText: { text: '' } }).reasoningText
        if (delta.reasoningContent.text) reasoning.text += delta.reasoningContent.text
        if (delta.reasoningContent.signature) reasoning.signature = delta.reasoningContent.signature
      }
    }
    if (event.messageStop) stopReason = event.messageStop.stopReason
    if (event.metadata?.usage)
      usage = { input: event.metadata.usage.inputTokens, output: event.metadata.usage.outputTokens }
  }
  const content = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, b]) => {
      const out = b as Record<string, any>
      return out.toolUse ? { toolUse: { ...out.toolUse, input: JSON.parse(out.toolUse.input || '{}') } } : out
    })
  return { content: content as ContentBlock[], stopReason, usage }
}

async function converseLoop(url: string, stream: boolean) {
  return withClient(url, async (client) => {
    const ask = async (messages: Message[]) => {
      if (!stream)
        return converseSeen(await client.send(new ConverseCommand({ modelId: MODEL, messages, toolConfig })))
      const response = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages, toolConfig }))
      return converseStreamSeen(await collect(response.stream!))
    }
    const first = await ask(user('weather in Paris?'))
    const use = first.content?.find((b) => b.toolUse)?.toolUse
    if (!use) throw new Error('expected a toolUse block')
    const second = await ask([
      ...user('weather in Paris?'),
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: use.toolUseId, content: [{ text: 'sunny, 21°C' }] } }],
      },
    ])
    return { first, second }
  })
}

/** The hash SignatureV4 asks for, from node:crypto (its own test-side copy, not standin's). */
class Sha256 {
  readonly #hash: Hash | Hmac
  constructor(secret?: unknown) {
    this.#hash = secret ? createHmac('sha256', secret as Uint8Array) : createHash('sha256')
  }
  update(data: Uint8Array | string): void {
    this.#hash.update(data)
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()))
  }
  reset(): void {}
}

/** Recomputes the SigV4 signature of a request as the fake received it, with the upstream credentials. */
async function expectSignedForFake(request: FakeRequest, fakeUrl: string) {
  const authorization = String(request.headers.authorization)
  const parsed =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    )
  expect(parsed, authorization).not.toBeNull()
  const [, keyId, , region, service, signedHeaders, signature] = parsed!
  expect(keyId).toBe(UPSTREAM.accessKeyId)
  expect(region).toBe(REGION)
  expect(service).toBe('bedrock')
  const names = signedHeaders!.split(';')
  expect(names).toContain('host')
  expect(request.headers.host).toBe(new URL(fakeUrl).host)
  const amzDate = String(request.headers['x-amz-date'])
  const signer = new SignatureV4({
    credentials: UPSTREAM,
    region: REGION,
    service: 'bedrock',
    sha256: Sha256,
  })
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: request.path,
      query: request.query,
      headers: Object.fromEntries(names.map((name) => [name, String(request.headers[name])])),
      body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
    },
    {
      signingDate: new Date(
        amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
      ),
    },
  )
  expect(String(resigned.headers.authorization)).toBe(authorization)
  expect(signature).toMatch(/^[0-9a-f]{64}$/)
}

describe('Bedrock Converse through @aws-sdk/client-bedrock-runtime: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the toolUse loop ${stream ? 'on ConverseStream' : 'on Converse'}: each turn replays its own answer`, async () => {
      const run = await recordThenReplay('bedrock', (url) => converseLoop(url, stream), { secrets: SECRETS })
      expect(run.fake.requests.map((r) => r.route)).toEqual(
        Array(2).fill(stream ? 'bedrock.converseStream' : 'bedrock.converse'),
      )
      const { first, second } = run.replayed
      expect(first.stopReason).toBe('tool_use')
      expect(first.content).toEqual([
        {
          toolUse: {
            toolUseId: expect.stringMatching(/^tooluse_/),
            name: 'get_weather',
            input: { city: 'Paris' },
          },
        },
      ])
      expect(second.content).toEqual([{ text: WEATHER_TEXT }])
      expect(second.stopReason).toBe('end_turn')
      expect(first.usage.output).toBeGreaterThan(0)
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
    })
  }

  for (const stream of [false, true]) {
    test(`reasoning with its signature ${stream ? 'streamed' : 'as JSON'}`, async () => {
      const run = await recordThenReplay(
        'bedrock',
        (url) =>
          withClient(url, async (client) => {
            const command = { modelId: MODEL, messages: user('think first') }
            if (!stream) return converseSeen(await client.send(new ConverseCommand(command)))
            const response = await client.send(new ConverseStreamCommand(command))
            return converseStreamSeen(await collect(response.stream!))
          }),
        { script: { reasoning: true }, secrets: SECRETS },
      )
      expect(run.replayed.content).toEqual([
        {
          reasoningContent: {
            reasoningText: {
              text: REASONING_TEXT,
              signature: expect.stringMatching(/^[A-Za-z0-9+/]{20,}={0,2}$/),
            },
          },
        },
        { text: 'Echo: think first' },
      ])
    })
  }

  test('the upstream request is signed again for the fake host with the environment credentials', async () => {
    const run = await recordThenReplay(
      'bedrock',
      (url) =>
        withClient(url, async (client) =>
          converseSeen(
            await client.send(new ConverseCommand({ modelId: MODEL, messages: user('hello bedrock') })),
          ),
        ),
      { secrets: SECRETS },
    )
    expect(run.replayed.content).toEqual([{ text: 'Echo: hello bedrock' }])
    const [request] = run.fake.requests
    expect(request!.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`)
    expect(String(request!.headers.authorization)).not.toContain(CLIENT.accessKeyId)
    await expectSignedForFake(request!, run.fake.url)
  })

  test('without AWS credentials in the environment the client signature goes as it came', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '')
    const run = await recordThenReplay(
      'bedrock',
      (url) =>
        withClient(url, async (client) =>
          converseSeen(
            await client.send(new ConverseCommand({ modelId: MODEL, messages: user('as signed') })),
          ),
        ),
      { secrets: SECRETS },
    )
    expect(run.replayed.content).toEqual([{ text: 'Echo: as signed' }])
    expect(String(run.fake.requests[0]!.headers.authorization)).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${CLIENT.accessKeyId}/\\d{8}/${REGION}/bedrock/aws4_request`),
    )
  })
})

// ---------------------------------------------------------------------------------------------------------

/** The Anthropic message InvokeModel answers, as a client reads it. */
interface ClaudeSeen {
  id?: string
  model?: string
  content: Array<Record<string, unknown>>
  stop?: string
  usage: { input?: number; output?: number }
}

const claudeBody = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 200,
    tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    messages,
    ...extra,
  })

async function invoke(client: BedrockRuntimeClient, stream: boolean, body: string): Promise<ClaudeSeen> {
  if (!stream) {
    const response = await client.send(
      new InvokeModelCommand({ modelId: MODEL, body, contentType: 'application/json' }),
    )
    const message = JSON.parse(new TextDecoder().decode(response.body))
    return {
      id: message.id,
      model: message.model,
      content: message.content,
      stop: message.stop_reason,
      usage: { input: message.usage?.input_tokens, output: message.usage?.output_tokens },
    }
  }
  const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body }))
  const seen: ClaudeSeen = { content: [], usage: {} }
  const json = new Map<number, string>()
  for (const part of await collect(response.body!)) {
    const event = JSON.parse(new TextDecoder().decode(part.chunk!.bytes))
    if (event.type === 'message_start') {
      seen.id = event.message.id
      seen.model = event.message.model
      seen.usage.input = event.message.usage?.input_tokens
    } else if (event.type === 'content_block_start') {
      seen.content[event.index] = { ...event.content_block }
    } else if (event.type === 'content_block_delta') {
      const block = seen.content[event.index]!
      const delta = event.delta
      if (delta.type === 'text_delta') block.text = String(block.text ?? '') + delta.text
      if (delta.type === 'thinking_delta') block.thinking = String(block.thinking ?? '') + delta.thinking
      if (delta.type === 'signature_delta') block.signature = delta.signature
      if (delta.type === 'input_json_delta')
        json.set(event.index, (json.get(event.index) ?? '') + delta.partial_json)
    } else if (event.type === 'message_delta') {
      seen.stop = event.delta.stop_reason
      seen.usage.output = event.usage?.output_tokens
    }
  }
  for (const [index, text] of json) seen.content[index]!.input = JSON.parse(text || '{}')
  return seen
}

describe('Bedrock InvokeModel with Claude bodies: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the tool_use loop ${stream ? 'on InvokeModelWithResponseStream' : 'on InvokeModel'}`, async () => {
      const run = await recordThenReplay(
        'bedrock',
        (url) =>
          withClient(url, async (client) => {
            const question = { role: 'user', content: 'weather in Paris?' }
            const first = await invoke(client, stream, claudeBody([question]))
            const use = first.content.find((b) => b.type === 'tool_use')
            if (!use) throw new Error('expected a tool_use block')
            const second = await invoke(
              client,
              stream,
              claudeBody([
                question,
                { role: 'assistant', content: first.content },
                { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny' }] },
              ]),
            )
            return { first, second }
          }),
        { secrets: SECRETS },
      )
      expect(run.fake.requests.map((r) => r.route)).toEqual(
        Array(2).fill(stream ? 'bedrock.invokeStream' : 'bedrock.invoke'),
      )
      const { first, second } = run.replayed
      expect(first.id).toMatch(/^msg_bdrk_01/)
      expect(first.model).toBe('claude-sonnet-4-5-20250929')
      expect(first.stop).toBe('tool_use')
      expect(first.content).toEqual([
        {
          type: 'tool_use',
          id: expect.stringMatching(/^toolu_bdrk_01/),
          name: 'get_weather',
          input: { city: 'Paris' },
        },
      ])
      expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: WEATHER_TEXT })])
      expect(second.stop).toBe('end_turn')
      await expectSignedForFake(run.fake.requests[1]!, run.fake.url)
    })
  }

  test('streamed thinking keeps its text and signature', async () => {
    const run = await recordThenReplay(
      'bedrock',
      (url) =>
        withClient(url, (client) =>
          invoke(
            client,
            true,
            claudeBody([{ role: 'user', content: 'think first' }], {
              tools: undefined,
              max_tokens: 2048,
              thinking: { type: 'enabled', budget_tokens: 1024 },
            }),
          ),
        ),
      { script: { reasoning: true }, secrets: SECRETS },
    )
    expect(run.replayed.content).toEqual([
      expect.objectContaining({ type: 'thinking', thinking: REASONING_TEXT, signature: expect.any(String) }),
      expect.objectContaining({ type: 'text', text: 'Echo: think first' }),
    ])
    expect(String(run.replayed.content[0]!.signature).length).toBeGreaterThan(20)
  })
})
