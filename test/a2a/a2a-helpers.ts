/**
 * A2A agents mounted on a lenient standin on port 0, and `@a2a-js/sdk` clients for them: the default
 * client (protocol v1.0, chosen from the card) and the same SDK's v0.3 transport.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { Role, type Message, type SendMessageRequest, type StreamResponse, type Task } from '@a2a-js/sdk'
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  type Client,
} from '@a2a-js/sdk/client'
import { afterAll } from 'vitest'
import {
  createA2aServer,
  createStandin,
  type A2aServerOptions,
  type Standin,
  type StandinA2aServer,
} from '../../src/internal'

export interface A2aMock {
  mock: Standin
  a2a: StandinA2aServer
  url: string
}

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

export async function startA2aMock(options: A2aServerOptions = {}, strict = false): Promise<A2aMock> {
  const a2a = createA2aServer(options)
  const mock = createStandin({ strict }).mount('/a2a', a2a)
  const server = await mock.listen()
  closers.push(server.close)
  return { mock, a2a, url: server.url }
}

/** The SDK's default client, from the card at `<base>/.well-known/agent-card.json` (base ends with `/`). */
export function v1Client(base: string): Promise<Client> {
  return new ClientFactory().createFromUrl(base)
}

/** The SDK's v0.3 transport (`message/send`…), picked from the card's v0.3 interface. */
export async function v03Client(base: string): Promise<Client> {
  const card = await new DefaultAgentCardResolver().resolve(base)
  const legacy = {
    ...card,
    supportedInterfaces: card.supportedInterfaces.filter((i) => i.protocolVersion === '0.3'),
  }
  const options = ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ legacyCompat: { enabled: true } })],
  })
  return new ClientFactory(options).createFromAgentCard(legacy)
}

export const CLIENTS = [
  ['v1.0', v1Client],
  ['v0.3', v03Client],
] as const

/** A user message with one text part, in the SDK's types. */
export function userMessage(text: string, fields: Partial<Message> = {}): Message {
  return {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: '' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
    ...fields,
  }
}

export function sendRequest(text: string, fields: Partial<Message> = {}): SendMessageRequest {
  return { tenant: '', message: userMessage(text, fields), configuration: undefined, metadata: undefined }
}

/** The text parts of parts, joined. */
export function textOf(parts: Message['parts']): string {
  return parts.map((part) => (part.content?.$case === 'text' ? part.content.value : '')).join('')
}

export function isTask(result: Message | Task): result is Task {
  return !('messageId' in result)
}

/** Every event of a stream, in order. */
export async function collect(stream: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = []
  for await (const event of stream) events.push(event)
  return events
}

/** A compact view of a stream: `task:submitted`, `status:working`, `artifact:report+=text`, `message:text`. */
export function summarize(events: StreamResponse[]): string[] {
  const state = (s: number | undefined) =>
    ['?', 'submitted', 'working', 'completed', 'failed', 'canceled', 'input-required'][s ?? 0]
  return events.map(({ payload }) => {
    if (payload?.$case === 'task') return `task:${state(payload.value.status?.state)}`
    if (payload?.$case === 'message') return `message:${textOf(payload.value.parts)}`
    if (payload?.$case === 'statusUpdate') return `status:${state(payload.value.status?.state)}`
    const artifact = payload!.value.artifact!
    return `artifact:${artifact.name}${payload!.value.append ? '+=' : '='}${textOf(artifact.parts)}`
  })
}
