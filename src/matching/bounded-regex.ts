/**
 * Matching a flagged pattern under a time limit, so one fixture cannot block the event loop (and every
 * session with it). A `node:vm` timeout terminates the script, and V8 checks for termination while a
 * regex backtracks, so `^(a+)+$` on 31 characters stops after the limit instead of 44 s (verified on
 * Node 20). A bounded call costs ~0.25 ms (the timeout's watchdog thread) against ~1 µs for a plain
 * `test()`, so only patterns that `regexRisk` flags take this path.
 * @see ../../docs/decisions/regex-guard.md
 * @module
 */
import { Script, createContext, type Context } from 'node:vm'
import { REGEX_TIME_LIMIT_MS } from './regex-risk'

export type RegexOutcome = 'match' | 'no-match' | 'timeout'

const TEST = new Script('re.test(text)')
let sandbox: Context | undefined
/**
 * The last text each pattern saw and its outcome: the miss diagnostic asks again without running the
 * pattern a second time, and a client's retry of the same request does not wait the limit again.
 */
const last = new WeakMap<RegExp, { text: string; outcome: RegexOutcome }>()
const warned = new WeakSet<RegExp>()

/** Tests `re` against `text`, giving up after {@link REGEX_TIME_LIMIT_MS}. */
export function boundedTest(re: RegExp, text: string): RegexOutcome {
  const seen = last.get(re)
  if (seen?.text === text) return seen.outcome
  const outcome = run(re, text)
  last.set(re, { text, outcome })
  if (outcome === 'timeout') warnOnce(re, text)
  return outcome
}

/** Whether the last bounded test of `re` on this very text ran out of time. */
export function timedOut(re: RegExp, text: string): boolean {
  const seen = last.get(re)
  return seen?.text === text && seen.outcome === 'timeout'
}

function run(re: RegExp, text: string): RegexOutcome {
  sandbox ??= createContext(Object.create(null) as object)
  sandbox.re = re
  sandbox.text = text
  try {
    return TEST.runInContext(sandbox, { timeout: REGEX_TIME_LIMIT_MS }) === true ? 'match' : 'no-match'
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout'
    throw error
  } finally {
    sandbox.re = undefined
    sandbox.text = undefined
  }
}

/** Says so once per pattern, for the case where another fixture answered and no miss diagnostic showed it. */
function warnOnce(re: RegExp, text: string): void {
  if (warned.has(re)) return
  warned.add(re)
  process.emitWarning(
    `regex ${String(re)} timed out after ${REGEX_TIME_LIMIT_MS} ms on a ${text.length}-character text and counted as no match`,
    { code: 'STANDIN_REGEX_TIMEOUT' },
  )
}
