/**
 * Text shared by the commands: problem lists (one line per problem: file, JSON path, message) and counts.
 * @module
 */
import { ConfigError, FixtureError, type FixtureIssue } from '../errors'
import { UsageError } from './args'
import { usage } from './help'

/** `3 fixtures`, `1 file`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** One problem per line, the same shape as a FixtureError's message: `  file at path: message`. */
export function issueLines(issues: FixtureIssue[]): string[] {
  return issues.map((i) => `  ${i.file}${i.path ? ` at ${i.path}` : ''}: ${i.message}`)
}

/** `2 problems in config:` followed by the problems. */
export function formatIssues(issues: FixtureIssue[], subject: string): string {
  return [`${plural(issues.length, 'problem')} in ${subject}:`, ...issueLines(issues)].join('\n')
}

/** Renders an error for stderr and picks the exit code: 2 for usage, 1 for everything else. */
export function describeFailure(error: unknown): { text: string; exitCode: number } {
  if (error instanceof UsageError)
    return { text: `standin: ${error.message}\n\n${usage(error.topic)}`, exitCode: 2 }
  if (error instanceof ConfigError)
    return { text: `standin: ${formatIssues(error.issues, 'config')}`, exitCode: 1 }
  if (error instanceof FixtureError)
    return { text: `standin: ${formatIssues(error.issues, 'fixtures')}`, exitCode: 1 }
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE')
    return { text: `standin: ${(error as Error).message} (pass --port 0 for any free port)`, exitCode: 1 }
  return {
    text: `standin: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    exitCode: 1,
  }
}
