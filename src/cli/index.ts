#!/usr/bin/env node
/**
 * The `standin` command: `serve` (the default) and `validate`. Errors are rendered here, at one boundary:
 * usage errors exit 2, bad fixtures or config exit 1.
 * @module
 */
import { parseCommandLine, type Invocation } from './args'
import { usage } from './help'
import { describeFailure } from './output'
import { packageVersion } from './package-info'
import { serve } from './serve'
import { validate } from './validate'

/** Runs one invocation; resolves to the exit code, or undefined while `serve` keeps running. */
async function run(invocation: Invocation): Promise<number | undefined> {
  switch (invocation.command) {
    case 'help':
      process.stdout.write(`${usage(invocation.topic)}\n`)
      return 0
    case 'version':
      process.stdout.write(`${packageVersion()}\n`)
      return 0
    case 'validate':
      return validate(invocation.paths)
    case 'serve':
      await serve(invocation.flags)
      return undefined
  }
}

// Exit codes are set, not forced with process.exit(), so piped output is flushed before the process ends.
Promise.resolve()
  .then(() => run(parseCommandLine(process.argv.slice(2))))
  .then(
    (code) => {
      if (code !== undefined) process.exitCode = code
    },
    (error: unknown) => {
      const failure = describeFailure(error)
      process.stderr.write(`${failure.text}\n`)
      process.exitCode = failure.exitCode
    },
  )
