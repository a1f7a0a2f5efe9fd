/**
 * MCP sessions (`Mcp-Session-Id`): issued by `initialize`, required on every later request, ended by
 * DELETE. A session holds the negotiated protocol version and the client's open GET streams, on which
 * server notifications are pushed.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import { PushChannel } from '../jsonrpc'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

export interface McpNotification {
  jsonrpc: '2.0'
  method: string
  params?: Record<string, unknown>
}

/** Notifications kept for a session with no open stream, until one opens (list changes are idempotent). */
const MAX_PENDING = 32
/**
 * Sessions kept per server. The SDK's `client.close()` does not end its session, so a long suite leaves
 * many behind; past this, the oldest is ended (its client would get 404 and must initialize again).
 */
const MAX_SESSIONS = 1000

export class McpSession {
  /** Random, not seeded: sessions outlive `reset()`, and a reseeded id could collide with a live one. */
  readonly id = nodeCrypto().randomUUID()
  protocolVersion: string
  clientInfo: unknown = undefined
  /** Set by `notifications/initialized`. */
  initialized = false
  /** The standin session that initialized it: another standin session cannot use or end it. */
  owner = ''
  #streams: PushChannel<McpNotification>[] = []
  #pending: McpNotification[] = []

  constructor(protocolVersion: string) {
    this.protocolVersion = protocolVersion
  }

  /**
   * Sends a notification on the newest open stream (the spec forbids sending one message on several). With
   * none open, it waits for the next: the SDK opens its GET stream without waiting after `initialized`, so
   * a change right after connecting would otherwise race it.
   */
  notify(notification: McpNotification): void {
    this.#streams = this.#streams.filter((s) => !s.closed)
    const stream = this.#streams[this.#streams.length - 1]
    if (stream) {
      stream.push(notification)
      return
    }
    if (this.#pending.some((p) => p.method === notification.method && p.params === undefined)) return
    this.#pending.push(notification)
    if (this.#pending.length > MAX_PENDING) this.#pending.shift()
  }

  /** A GET stream, ending when the client disconnects or the session ends. */
  openStream(signal: AbortSignal | undefined): PushChannel<McpNotification> {
    const stream = new PushChannel<McpNotification>(signal)
    this.#streams.push(stream)
    for (const notification of this.#pending.splice(0)) stream.push(notification)
    return stream
  }

  end(): void {
    for (const stream of this.#streams) stream.close()
    this.#streams = []
    this.#pending = []
  }
}

/** The sessions of one MCP server, shared by every mock it is mounted on. */
export class McpSessions {
  readonly #sessions = new Map<string, McpSession>()

  get size(): number {
    return this.#sessions.size
  }

  get(id: string): McpSession | undefined {
    return this.#sessions.get(id)
  }

  add(session: McpSession): void {
    this.#sessions.set(session.id, session)
    if (this.#sessions.size > MAX_SESSIONS) this.delete(this.#sessions.keys().next().value!)
  }

  delete(id: string): boolean {
    const session = this.#sessions.get(id)
    session?.end()
    return this.#sessions.delete(id)
  }

  /** Notifies every session (a list changed). */
  broadcast(notification: McpNotification): void {
    for (const session of this.#sessions.values()) session.notify(notification)
  }

  clear(): void {
    for (const session of this.#sessions.values()) session.end()
    this.#sessions.clear()
  }
}
