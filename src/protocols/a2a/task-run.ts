/**
 * One task playing its steps: each step changes the task and is published to every listening stream,
 * paced by the core's `sleep`. The run belongs to the task, not to a connection: a client that leaves
 * (and resubscribes) finds the task where it got to. It ends at a state that ends the stream (completed,
 * failed, input-required…), completing the task when the steps end without one, or when canceled.
 * @see https://a2a-protocol.org/v1.0.0/specification/#312-send-streaming-message
 * @module
 */
import { PushChannel } from '../jsonrpc'
import { sleep } from '../../streaming/pacing'
import type { A2aArtifact, A2aPart, A2aStreamItem, A2aTask } from './model'
import { endsStream, type A2aTaskState } from './task-state'
import type { TaskStep } from './task-steps'

export interface RunClock {
  /** ISO 8601 time of a status. */
  timestamp(): string
  id(prefix: string): string
}

export class TaskRun {
  readonly #subscribers = new Set<PushChannel<A2aStreamItem>>()
  readonly #stop = new AbortController()
  readonly #settled: Promise<void>
  #settle!: () => void
  #active = true

  constructor(
    readonly task: A2aTask,
    readonly clock: RunClock,
  ) {
    this.#settled = new Promise((resolve) => (this.#settle = resolve))
  }

  /** True until the task reaches a state that ends its stream. */
  get active(): boolean {
    return this.#active
  }

  /** Resolves when the run has ended. */
  get settled(): Promise<void> {
    return this.#settled
  }

  /** A stream of what happens from now on; it ends with the run, or when `signal` aborts. */
  subscribe(signal?: AbortSignal): PushChannel<A2aStreamItem> {
    const channel = new PushChannel<A2aStreamItem>(signal)
    if (this.#active) this.#subscribers.add(channel)
    else channel.close()
    return channel
  }

  /** Announces the task (a stream's first event) and plays `steps`, `delayMs` before each. */
  start(steps: TaskStep[], delayMs: number): void {
    this.#publish({ kind: 'task', task: structuredClone(this.task) })
    void this.#play(steps, delayMs)
  }

  /** Stops the steps and publishes the canceled state. */
  cancel(): void {
    if (!this.#active) return
    this.#stop.abort()
    this.#setState('canceled')
    this.#finish()
  }

  async #play(steps: TaskStep[], delayMs: number): Promise<void> {
    try {
      for (const step of steps) {
        await sleep(delayMs, this.#stop.signal)
        if (!this.#active) return
        if (step.type === 'artifact') {
          this.#updateArtifact(step)
          continue
        }
        this.#setState(step.state, step.message)
        if (endsStream(step.state)) return
      }
      // Steps that never say how the task ends: it completed.
      await sleep(delayMs, this.#stop.signal)
      if (this.#active) this.#setState('completed')
    } finally {
      this.#finish()
    }
  }

  #setState(state: A2aTaskState, parts?: A2aPart[]): void {
    const { task, clock } = this
    const message = parts && {
      messageId: clock.id('msg_'),
      role: 'agent' as const,
      parts: structuredClone(parts),
      contextId: task.contextId,
      taskId: task.id,
    }
    task.status = { state, ...(message && { message }), timestamp: clock.timestamp() }
    if (message) task.history.push(message)
    this.#publish({
      kind: 'status-update',
      taskId: task.id,
      contextId: task.contextId,
      status: structuredClone(task.status),
      final: endsStream(state),
    })
  }

  /** Without `append`, an update replaces the artifact with the same id; with it, adds its parts. */
  #updateArtifact({ artifact, append, lastChunk }: Extract<TaskStep, { type: 'artifact' }>): void {
    const { artifacts } = this.task
    const index = artifacts.findIndex((a) => a.artifactId === artifact.artifactId)
    const existing: A2aArtifact | undefined = artifacts[index]
    if (existing && append) existing.parts.push(...structuredClone(artifact.parts))
    else if (existing) artifacts[index] = structuredClone(artifact)
    else artifacts.push(structuredClone(artifact))
    this.#publish({
      kind: 'artifact-update',
      taskId: this.task.id,
      contextId: this.task.contextId,
      artifact: structuredClone(artifact),
      append,
      lastChunk,
    })
  }

  #publish(item: A2aStreamItem): void {
    for (const channel of this.#subscribers) if (!channel.push(item)) this.#subscribers.delete(channel)
  }

  #finish(): void {
    if (!this.#active) return
    this.#active = false
    for (const channel of this.#subscribers) channel.close()
    this.#subscribers.clear()
    this.#settle()
  }
}
