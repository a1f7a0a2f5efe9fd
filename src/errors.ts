/**
 * Typed errors with stable codes. Library misuse (a bad fixture file, a bad option) throws one of these
 * where it is detected; wire errors are rendered in the provider's shape at one boundary (the engine).
 * @module
 */

/** Base class: every error standin throws on purpose carries a stable `code`. */
export class StandinError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StandinError'
    this.code = code
  }
}

/** One problem found in a fixture file: where it is (file, JSON path) and what was expected. */
export interface FixtureIssue {
  file: string
  /** JSON path such as `fixtures[3].response.toolCalls[0].name`; empty for whole-file problems. */
  path: string
  message: string
}

/** A fixture file (or inline fixture) failed to load. `issues` lists every problem found, not only the first. */
export class FixtureError extends StandinError {
  readonly issues: FixtureIssue[]
  constructor(issues: FixtureIssue[]) {
    super('STANDIN_FIXTURE_INVALID', formatIssues(issues))
    this.name = 'FixtureError'
    this.issues = issues
  }
}

/** The config file (the seed's one-port `aimock.json` format) is invalid. */
export class ConfigError extends StandinError {
  readonly issues: FixtureIssue[]
  constructor(issues: FixtureIssue[]) {
    super('STANDIN_CONFIG_INVALID', formatIssues(issues, 'config'))
    this.name = 'ConfigError'
    this.issues = issues
  }
}

/**
 * A request that a surface cannot decode (bad JSON, a missing field). Rendered by the surface in its
 * provider's error shape with `status`.
 */
export class WireError extends StandinError {
  readonly status: number
  readonly type: string
  readonly param: string | undefined
  /** The provider's own error code for the body (e.g. OpenAI's `previous_response_not_found`). */
  readonly wireCode: string | undefined
  constructor(
    status: number,
    message: string,
    options: { type?: string; param?: string; code?: string; wireCode?: string } = {},
  ) {
    super(options.code ?? 'STANDIN_BAD_REQUEST', message)
    this.name = 'WireError'
    this.status = status
    this.type = options.type ?? 'invalid_request_error'
    this.param = options.param
    this.wireCode = options.wireCode
  }
}

export function formatIssues(issues: FixtureIssue[], subject = 'fixtures'): string {
  const lines = issues.map((i) => `  ${i.file}${i.path ? ` at ${i.path}` : ''}: ${i.message}`)
  return `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${subject}:\n${lines.join('\n')}`
}
