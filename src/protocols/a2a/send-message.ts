/**
 * `message/send` and `message/stream` (v1.0: `SendMessage`, `SendStreamingMessage`): the agent's first
 * fixture whose pattern matches the message's text answers, with a message or with a task whose events
 * play out. A plain send waits for the task to settle unless the client asked for it at once; a stream
 * sends the task, then each status and artifact update as it happens. A message naming a waiting task
 * (input-required) continues it. No match: strict, a JSON-RPC error naming the agent and the text;
 * lenient, an agent message saying so.
 * @see https://a2a-protocol.org/v1.0.0/specification/#311-send-message
 * @module
 */
import { objectParams, RpcError, type RpcHandler } from '../jsonrpc'
import type { NoMatchDiagnostic } from '../../matching/diagnose'
import { a2aError, NO_MATCH_CODE } from './a2a-errors'
import type { A2aContext } from './a2a-context'
import { answerText, type AgentAnswer } from './agents'
import { EventStream } from './event-stream'
import { partsText, type A2aMessage } from './model'
import { configuration, historyLength, readMessage } from './read-params'
import { isTerminal } from './task-state'
import { TaskRun } from './task-run'
import { planSteps } from './task-steps'
import { snapshotTask, type TaskRecord } from './task-store'
import type { A2aWire } from './wire'

export function sendMessage(wire: A2aWire, streaming: boolean): RpcHandler<A2aContext> {
  return async (params, ctx) => {
    const p = objectParams(params)
    const message = readMessage(p)
    if (streaming) requireStreaming(ctx)
    const waiting = message.taskId === undefined ? undefined : continuedTask(ctx, message.taskId, wire)
    const contextId = waiting?.task.contextId ?? message.contextId ?? ctx.id('ctx_')
    const answer = findAnswer(ctx, partsText(message.parts), streaming)
    ctx.note.text = answerText(answer)
    if (answer.kind === 'message') {
      const reply = agentMessage(ctx, answer.parts, contextId, waiting)
      waiting?.task.history.push({ ...message, contextId, taskId: waiting.task.id }, reply)
      return streaming
        ? EventStream.of(wire.streamItem({ kind: 'message', message: reply }))
        : wire.sendResult(reply)
    }
    const record = waiting ?? newTask(ctx, contextId)
    // The client answered: the task is back at work.
    if (waiting) record.task.status = { state: 'working', timestamp: ctx.timestamp() }
    record.task.history.push({ ...message, contextId, taskId: record.task.id })
    const run = new TaskRun(record.task, ctx)
    record.run = run
    const steps = planSteps(answer.events, (prefix) => ctx.id(prefix))
    if (streaming) {
      const events = run.subscribe(ctx.signal)
      run.start(steps, answer.delayMs)
      return EventStream.map(events, wire.streamItem)
    }
    run.start(steps, answer.delayMs)
    if (!wire.returnImmediately(configuration(p))) await run.settled
    return wire.sendResult(snapshotTask(record.task, historyLength(p)))
  }
}

/** The matched fixture's answer; on a miss, strict throws and lenient says so in an agent message. */
function findAnswer(ctx: A2aContext, text: string, streaming: boolean): AgentAnswer {
  const fixture = ctx.registry.match(ctx.agent, text, streaming)
  if (fixture) {
    ctx.note.fixture = { id: fixture.id, source: fixture.source }
    return fixture.answer
  }
  const miss = diagnoseMiss(ctx, text)
  ctx.note.miss = miss
  if (ctx.strict) throw new RpcError(NO_MATCH_CODE, miss.message, { agent: ctx.agent.definition.name, text })
  return { kind: 'message', parts: [{ text: `standin: ${miss.message}` }] }
}

function diagnoseMiss(ctx: A2aContext, text: string): NoMatchDiagnostic {
  const { name } = ctx.agent.definition
  const { fixtures } = ctx.agent
  const patterns =
    fixtures.length === 0 ? 'it has no fixtures' : `patterns: ${fixtures.map((f) => f.shown).join(', ')}`
  return {
    message: `no fixture of A2A agent "${name}" matched the message ${JSON.stringify(text)} (${patterns})`,
    request: { kind: 'a2a-message', lastUserMessage: text },
    closest: fixtures.slice(0, 3).map((fixture) => ({
      fixtureId: fixture.id,
      source: fixture.source,
      mismatches: [{ field: 'pattern', expected: fixture.shown, actual: text }],
    })),
    skippedBySequence: 0,
    fixturesConsidered: fixtures.length,
  }
}

function requireStreaming(ctx: A2aContext): void {
  if (ctx.agent.definition.capabilities?.streaming !== false) return
  const { name } = ctx.agent.definition
  throw a2aError(
    'UNSUPPORTED_OPERATION',
    `A2A agent "${name}" does not stream (capabilities.streaming is false)`,
  )
}

/** The task a message continues: it must exist, be this agent's, and wait for the client. */
function continuedTask(ctx: A2aContext, taskId: string, wire: A2aWire): TaskRecord {
  const record = ctx.tasks.get(taskId)
  if (!record || record.agent !== ctx.agent.definition.name)
    throw a2aError('TASK_NOT_FOUND', `Task not found: ${taskId}`)
  const { state } = record.task.status
  if (isTerminal(state)) throw wire.endedTaskError(`Task ${taskId} is ${state}: it takes no more messages`)
  if (record.run?.active) {
    throw a2aError(
      'UNSUPPORTED_OPERATION',
      `Task ${taskId} is still ${state}: wait for it (or cancel it) first`,
    )
  }
  return record
}

function newTask(ctx: A2aContext, contextId: string): TaskRecord {
  const id = ctx.id('task_')
  const record: TaskRecord = {
    task: {
      id,
      contextId,
      status: { state: 'submitted', timestamp: ctx.timestamp() },
      artifacts: [],
      history: [],
    },
    agent: ctx.agent.definition.name,
  }
  ctx.tasks.set(id, record)
  return record
}

function agentMessage(
  ctx: A2aContext,
  parts: A2aMessage['parts'],
  contextId: string,
  task: TaskRecord | undefined,
): A2aMessage {
  return {
    messageId: ctx.id('msg_'),
    role: 'agent',
    parts: structuredClone(parts),
    contextId,
    ...(task && { taskId: task.task.id }),
  }
}
