/**
 * Which fixture patterns can backtrack for a long time: checked once, when a fixture is loaded or added,
 * with `scslre` (the analysis eslint-plugin-regexp runs). A flagged pattern gets a load warning and is
 * matched under a time limit ({@link ./bounded-regex}); every other pattern runs as it is.
 * @see ../../docs/decisions/regex-guard.md
 * @module
 */
import { createRequire } from 'node:module'

export interface RegexRisk {
  /**
   * `exponential`: catastrophic (`^(a+)+$` takes 44 s on 31 characters); `super-linear`: at least
   * quadratic, slow on long text (the checker also files some exponential cases here, such as
   * `(a|a)*$`); `unchecked`: the checker could not read the pattern, so it is treated as risky.
   */
  kind: 'exponential' | 'super-linear' | 'unchecked'
  /** A character whose repetition makes the pattern slow. */
  character?: string
}

/** How long one flagged pattern may run on one text. See the decision note for why 100 ms. */
export const REGEX_TIME_LIMIT_MS = 100

type Analyse = typeof import('scslre').analyse

const risks = new Map<string, RegexRisk | undefined>()
let analyse: Analyse | undefined

/** The risk of a pattern, or undefined when it cannot backtrack super-linearly. Cached per pattern. */
export function regexRisk(re: RegExp): RegexRisk | undefined {
  const key = `/${re.source}/${re.flags}`
  if (!risks.has(key)) risks.set(key, assess(re))
  return risks.get(key)
}

/** What a warning says about a risky pattern. */
export function describeRisk(re: RegExp, risk: RegexRisk): string {
  const input = risk.character ? ` on input like ${JSON.stringify(risk.character.repeat(3) + '…')}` : ''
  const what = {
    exponential: `can backtrack catastrophically (exponential time${input})`,
    'super-linear': `can backtrack in super-linear time${input}`,
    unchecked: 'could not be checked for catastrophic backtracking',
  }[risk.kind]
  return `regex ${String(re)} ${what}; matching it is limited to ${REGEX_TIME_LIMIT_MS} ms per text, and a text that takes longer counts as no match`
}

function assess(re: RegExp): RegexRisk | undefined {
  let reports
  try {
    reports = checker()({ source: re.source, flags: re.flags }).reports
  } catch {
    return { kind: 'unchecked' }
  }
  if (reports.length === 0) return undefined
  const worst = reports.find((report) => report.exponential) ?? reports[0]!
  return { kind: worst.exponential ? 'exponential' : 'super-linear', character: worst.character.pick }
}

/** The checker, loaded on first use: it takes ~50 ms to load, and most mocks have no regex fixture. */
function checker(): Analyse {
  // `__filename` is native in the CJS build and shimmed by tsup in the ESM one.
  analyse ??= (createRequire(__filename)('scslre') as typeof import('scslre')).analyse
  return analyse
}
