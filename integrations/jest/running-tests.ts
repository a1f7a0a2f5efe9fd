/**
 * The tests running in one Jest test file, and which of them the code running now belongs to.
 *
 * A plain test runs alone: its session is the one requests naming no session join (`useSession`). A
 * `test.concurrent` test runs beside others, so its body runs in an AsyncLocalStorage context naming its
 * test (`standin.url`, `on()` and the journal follow it), and while two or more concurrent tests have
 * started, a request naming no session could be any of theirs: the mock refuses it in words naming them
 * (`refuseHeaderless`) and every running test fails with that message, since SDKs often swallow the 400.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Circus } from '@jest/types'
import type { Standin, StandinSession } from 'standin/internal'

export interface RunningTest {
  readonly entry: Circus.TestEntry
  readonly session: StandinSession
  /** `describe › test`. */
  readonly name: string
  /** The test's recording file (per-test recordings on). */
  recording: string | undefined
}

export interface RunningTestsInput {
  mock: Standin
  /** Opens a test's session (and recording); called once per attempt of a test. */
  open: (entry: Circus.TestEntry) => RunningTest
}

export class RunningTests {
  readonly #mock: Standin
  readonly #open: (entry: Circus.TestEntry) => RunningTest
  readonly #context = new AsyncLocalStorage<RunningTest>()
  readonly #running = new Map<Circus.TestEntry, RunningTest>()
  /** Concurrent tests started since the last moment none was running: one group, one refusal. */
  readonly #group = new Set<RunningTest>()
  /** The tests already failed by a refused request (one error each). */
  readonly #refused = new WeakSet<Circus.TestEntry>()
  #sequential: RunningTest | undefined

  constructor({ mock, open }: RunningTestsInput) {
    this.#mock = mock
    this.#open = open
  }

  /** The test the calling code belongs to: the concurrent test whose body runs it, else the plain test running. */
  current(): RunningTest | undefined {
    return this.#context.getStore() ?? this.#sequential
  }

  /**
   * Makes every concurrent test's body run in its test's context. Called at `run_start`, when every test
   * is registered and before any body runs (Jest 29 starts concurrent bodies before their `test_start`).
   */
  bindConcurrent(block: Circus.DescribeBlock): void {
    for (const child of block.children) {
      if (child.type === 'describeBlock') this.bindConcurrent(child)
      else if (child.concurrent && isPlainFunction(child.fn)) child.fn = this.#bind(child, child.fn)
    }
  }

  /**
   * Opens `entry`'s session (at `test_start`, or earlier when its body starts first); returns the running
   * test if it is open already. Header-less requests join the test opened last, unless refused.
   */
  start(entry: Circus.TestEntry): RunningTest {
    const known = this.#running.get(entry)
    if (known) return known
    const test = this.#open(entry)
    this.#running.set(entry, test)
    // A retry is a new attempt: a refusal may fail it again.
    this.#refused.delete(entry)
    if (!entry.concurrent) this.#sequential = test
    if (this.#group.size < 2) this.#mock.useSession(test.session)
    return test
  }

  /**
   * Marks `entry` as running its body (at `test_started`, which skipped and todo tests never reach, or
   * when its body starts first): a concurrent test joins the group whose header-less requests are refused.
   */
  run(entry: Circus.TestEntry): RunningTest {
    const test = this.start(entry)
    if (entry.concurrent && !this.#group.has(test)) {
      this.#group.add(test)
      this.#refuseIfConcurrent()
    }
    return test
  }

  /** Ends `entry` (at `test_done`, `test_skip` or `test_todo`); returns the test it was, if it was open. */
  end(entry: Circus.TestEntry): RunningTest | undefined {
    const test = this.#running.get(entry)
    if (!test) return undefined
    this.#running.delete(entry)
    if (this.#sequential === test) this.#sequential = undefined
    // Header-less requests go on to the test opened last that is still open (none: the default session).
    if (this.#mock.currentSession === test.session.id && this.#group.size < 2)
      this.#mock.useSession([...this.#running.values()].at(-1)?.session)
    // The group (and its refusal) lasts until none of its tests runs: its names stay the same meanwhile.
    if (entry.concurrent && ![...this.#running.keys()].some((other) => other.concurrent)) {
      this.#group.clear()
      this.#refuseIfConcurrent()
    }
    return test
  }

  /** Every test still running (teardown ends them). */
  all(): Circus.TestEntry[] {
    return [...this.#running.keys()]
  }

  #refuseIfConcurrent(): void {
    if (this.#group.size < 2) return this.#mock.refuseHeaderless()
    const names = [...this.#group].map((test) => test.name)
    this.#mock.refuseHeaderless(names, (message) => this.#failRunning(message))
    // Refused requests are journaled in the default session: no test's journal shows one that may not be its own.
    this.#mock.useSession(undefined)
  }

  /** Jest reports errors pushed on a running test as its failure, whatever the SDK did with the 400. */
  #failRunning(message: string): void {
    for (const entry of this.#running.keys()) {
      if (this.#refused.has(entry)) continue
      this.#refused.add(entry)
      entry.errors.push(refusalError(message))
    }
  }

  #bind(entry: Circus.TestEntry, fn: (...args: unknown[]) => unknown): Circus.TestEntry['fn'] {
    const start = () => this.run(entry)
    const context = this.#context
    // A `function`, not an arrow: Jest calls the body with its test context as `this`.
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      const test = start()
      // In-process requests (`mock.handle()`) made by the body join its session too.
      return context.run(test, () => test.session.run(() => fn.apply(this, args)))
    }
    // Jest tells a done-callback test by its arity.
    Object.defineProperty(bound, 'length', { value: fn.length })
    return bound as unknown as Circus.TestEntry['fn']
  }
}

/** Generator functions are driven by Jest itself (co), so their bodies are left as they are. */
function isPlainFunction(fn: unknown): fn is (...args: unknown[]) => unknown {
  return typeof fn === 'function' && Object.prototype.toString.call(fn) !== '[object GeneratorFunction]'
}

const refusals = new WeakSet<object>()

/** An error whose stack is its message: where it was made (the mock) says nothing to the user. */
function refusalError(message: string): Error {
  const error = new Error(message)
  error.stack = message
  refusals.add(error)
  return error
}

/** True for the errors a refused header-less request added (the test's journal does not hold that request). */
export function isRefusal(error: Circus.TestError): boolean {
  return !Array.isArray(error) && typeof error === 'object' && error !== null && refusals.has(error)
}
