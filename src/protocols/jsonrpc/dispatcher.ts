/**
 * The JSON-RPC 2.0 dispatcher shared by MCP and A2A: a method table of handlers, run for each call of a
 * body (a batch in order), producing the answers to send and, for the journal, what each call did.
 * Transport (HTTP status, JSON or SSE, sessions) is the caller's.
 * @example
 * const rpc = new RpcDispatcher<Ctx>({ ping: () => ({}), 'tools/list': (params, ctx) => ({ tools: ctx.tools }) })
 * const parsed = parseRpcBody(body)
 * if (parsed.ok) { const { responses, outcomes } = await rpc.run(parsed.items, ctx) }
 * @see https://www.jsonrpc.org/specification
 * @module
 */
import {
  errorResponse,
  resultResponse,
  RPC_ERROR,
  RpcError,
  type JsonRpcCall,
  type JsonRpcErrorBody,
  type JsonRpcResponse,
} from './message'
import type { ParsedItem } from './parse'

/** Answers one method. Return the `result`; throw an {@link RpcError} to answer with an error. */
export type RpcHandler<Context> = (params: unknown, context: Context) => unknown

/** What one call did: its result or error, and the answer to send (none for a notification). */
export interface RpcOutcome {
  call: JsonRpcCall
  result?: unknown
  error?: JsonRpcErrorBody
  response?: JsonRpcResponse
}

export interface RpcRun {
  /** Answers to send, in call order (malformed batch members included). Empty: nothing to answer. */
  responses: JsonRpcResponse[]
  /** One per well-formed call, notifications included. */
  outcomes: RpcOutcome[]
}

export class RpcDispatcher<Context> {
  readonly #methods: Map<string, RpcHandler<Context>>

  constructor(methods: Record<string, RpcHandler<Context>>) {
    this.#methods = new Map(Object.entries(methods))
  }

  has(method: string): boolean {
    return this.#methods.has(method)
  }

  /** Runs the calls of a parsed body one after another (a batch in order, so runs are reproducible). */
  async run(items: ParsedItem[], context: Context): Promise<RpcRun> {
    const run: RpcRun = { responses: [], outcomes: [] }
    for (const item of items) {
      if (item.kind === 'invalid') run.responses.push(item.response)
      if (item.kind !== 'call') continue
      const outcome = await this.call(item.call, context)
      run.outcomes.push(outcome)
      if (outcome.response) run.responses.push(outcome.response)
    }
    return run
  }

  /** Runs one call. A notification gets no response, even when it fails or names no known method. */
  async call(call: JsonRpcCall, context: Context): Promise<RpcOutcome> {
    const notification = call.id === undefined
    const outcome: RpcOutcome = { call }
    const handler = this.#methods.get(call.method)
    try {
      if (!handler) throw new RpcError(RPC_ERROR.methodNotFound, `Method not found: ${call.method}`)
      const result = await handler(call.params, context)
      // A result is required on success; a handler with nothing to say answers `{}`.
      outcome.result = result === undefined ? {} : result
    } catch (error) {
      outcome.error =
        error instanceof RpcError
          ? error.toJSON()
          : {
              code: RPC_ERROR.internalError,
              message: `Internal error: ${(error as Error)?.message ?? String(error)}`,
            }
    }
    if (!notification) {
      const id = call.id ?? null
      outcome.response = outcome.error ? errorResponse(id, outcome.error) : resultResponse(id, outcome.result)
    }
    return outcome
  }
}
