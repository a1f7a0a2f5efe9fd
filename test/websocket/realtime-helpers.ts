/**
 * The openai SDK's Realtime WebSocket client (`openai/realtime/ws`) pointed at a mock by its base URL, as
 * users do, and waiting for its events.
 * @module
 */
import OpenAI from 'openai'
import { OpenAIRealtimeWS } from 'openai/realtime/ws'
import { OpenAIRealtimeWS as BetaRealtimeWS } from 'openai/beta/realtime/ws'
import { standinAgent } from '../../src/internal'

export type Event = { type: string } & Record<string, any>

/** The SDK always connects with `wss:`; standin's agent gives `ws` a plain TCP socket to the mock's port. */
function plainSocket(url: string) {
  return { agent: standinAgent(url) }
}

export interface Realtime {
  rt: OpenAIRealtimeWS | BetaRealtimeWS
  /** Every server event received, in order. */
  events: Event[]
  /** The next event of `type` (received after the call, or already received and not yet taken). */
  next(type: string): Promise<Event>
  send(event: Record<string, unknown>): void
  closed: Promise<number>
}

export async function openRealtime(
  baseUrl: string,
  options: { model?: string; beta?: boolean; headers?: Record<string, string>; apiKey?: string } = {},
): Promise<Realtime> {
  const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: options.apiKey ?? 'test', maxRetries: 0 })
  const props = {
    model: options.model ?? 'gpt-realtime',
    options: { ...plainSocket(baseUrl), headers: options.headers ?? {} },
  }
  const rt = options.beta ? new BetaRealtimeWS(props, client) : new OpenAIRealtimeWS(props, client)
  // The GA and beta clients emit alike; their event maps differ only in names.
  const emitter = rt as OpenAIRealtimeWS
  const events: Event[] = []
  const taken = new Set<Event>()
  const waiters: { type: string; resolve: (e: Event) => void }[] = []
  emitter.on('event', (event) => {
    events.push(event as Event)
    const waiter = waiters.findIndex((w) => w.type === event.type)
    if (waiter !== -1) {
      taken.add(event as Event)
      waiters.splice(waiter, 1)[0]!.resolve(event as Event)
    }
  })
  // The SDK rejects unhandled error events; the tests read them from `events`.
  emitter.on('error', () => undefined)
  const closed = new Promise<number>((resolve) => rt.socket.on('close', (code: number) => resolve(code)))
  const next = (type: string) =>
    new Promise<Event>((resolve) => {
      const ready = events.find((e) => e.type === type && !taken.has(e))
      if (ready) {
        taken.add(ready)
        return resolve(ready)
      }
      waiters.push({ type, resolve })
    })
  await next('session.created')
  return { rt, events, next, send: (event) => rt.send(event as never), closed }
}

/** The types of `events`, in order, from the first of `from`. */
export function typesFrom(events: Event[], from: string): string[] {
  const types = events.map((e) => e.type)
  return types.slice(types.indexOf(from))
}
