/**
 * `@google/genai`'s `live.connect` pointed at a mock, with its server messages collected so a test can
 * await the message that ends a turn (no sleeps) and the close that ends the session.
 */
import { GoogleGenAI, type LiveConnectConfig, type LiveServerMessage, type Session } from '@google/genai'

export interface LiveClient {
  session: Session
  messages: LiveServerMessage[]
  /** Resolves with the messages received since the last call, once one of them satisfies `done`. */
  until(done: (message: LiveServerMessage) => boolean): Promise<LiveServerMessage[]>
  /** The turn's messages, up to `turnComplete` (or a `toolCall`, which waits for the client). */
  turn(): Promise<LiveServerMessage[]>
  closed: Promise<{ code: number; reason: string }>
}

export interface LiveClientOptions {
  baseUrl: string
  model?: string
  config?: LiveConnectConfig
  vertex?: boolean
  headers?: Record<string, string>
  apiVersion?: string
  /** An ephemeral token (`auth_tokens/…`) makes the SDK use `BidiGenerateContentConstrained`. */
  apiKey?: string
}

export async function connectLive(options: LiveClientOptions): Promise<LiveClient> {
  const httpOptions = {
    baseUrl: options.baseUrl,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
  }
  const ai = options.vertex
    ? new GoogleGenAI({
        vertexai: true,
        project: 'test-project',
        location: 'us-central1',
        googleAuthOptions: { apiKey: 'test-key', projectId: 'test-project' },
        httpOptions,
      })
    : new GoogleGenAI({ apiKey: options.apiKey ?? 'test-key', httpOptions })
  const messages: LiveServerMessage[] = []
  let read = 0
  let wake = () => {}
  let resolveClosed: (close: { code: number; reason: string }) => void = () => {}
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve))
  let isClosed = false
  const session = await ai.live.connect({
    model: options.model ?? 'gemini-live-2.5-flash',
    ...(options.config ? { config: options.config } : {}),
    callbacks: {
      onmessage: (message) => {
        messages.push(message)
        wake()
      },
      onclose: (event) => {
        isClosed = true
        resolveClosed({ code: event.code, reason: event.reason })
        wake()
      },
    },
  })
  // Turns start after the setup's answer (setupComplete stays in `messages`).
  read = messages.findIndex((message) => message.setupComplete !== undefined) + 1
  async function until(done: (message: LiveServerMessage) => boolean): Promise<LiveServerMessage[]> {
    for (;;) {
      const at = messages.slice(read).findIndex(done)
      if (at >= 0) {
        const batch = messages.slice(read, read + at + 1)
        read += at + 1
        return batch
      }
      if (isClosed) throw new Error(`the session closed: ${JSON.stringify(await closed)}`)
      await new Promise<void>((resolve) => (wake = resolve))
    }
  }
  return {
    session,
    messages,
    until,
    turn: () => until((m) => m.serverContent?.turnComplete === true || m.toolCall !== undefined),
    closed,
  }
}

/** The text of a turn's model parts, thoughts left out. */
export function turnText(messages: LiveServerMessage[]): string {
  return messages
    .flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
    .filter((part) => part.text !== undefined && !part.thought)
    .map((part) => part.text)
    .join('')
}
