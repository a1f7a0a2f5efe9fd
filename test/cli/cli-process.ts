/**
 * Running the built `standin` command the way users and Playwright's webServer do: a child process, the
 * URL read from its listening line on stdout (never a sleep). Build first: `npx tsup`.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CLI = join(ROOT, 'dist', 'cli', 'index.js')
/** The line Playwright's `webServer.wait.stdout` would wait for. */
export const LISTENING = /^standin listening on (?<url>http:\/\/\S+)$/m

export interface RunOptions {
  cwd?: string
  env?: Record<string, string | undefined>
}

export interface Served {
  url: string
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves once stdout matches (the startup report follows the listening line, maybe in a later chunk). */
  waitForStdout(pattern: RegExp): Promise<string>
  /** Sends the signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

const running = new Set<ChildProcess>()
afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
})

function start(args: string[], options: RunOptions) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsup\` before the CLI tests`)
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const out = { stdout: '', stderr: '' }
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  return { child, out, exited }
}

/** Runs a command to completion. */
export async function runCli(
  args: string[],
  options: RunOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { out, exited } = start(args, options)
  const code = await exited
  return { code, ...out }
}

/** Starts `standin` and resolves once it printed its listening line; rejects if it exits first. */
export function startCli(args: string[], options: RunOptions = {}): Promise<Served> {
  const { child, out, exited } = start(args, options)
  const waitForStdout = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = pattern.exec(out.stdout)
        if (!found) return false
        child.stdout!.off('data', check)
        resolve(found[0])
        return true
      }
      if (check()) return
      child.stdout!.on('data', check)
      void exited.then((code) => {
        if (!check())
          reject(
            new Error(
              `standin exited with ${code} before printing ${pattern}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`,
            ),
          )
      })
    })
  return waitForStdout(LISTENING).then((line) => ({
    url: LISTENING.exec(line)!.groups!.url!,
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitForStdout,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal)
      return exited
    },
  }))
}

/** Writes files into a fresh temporary folder and returns its path. */
export function tempFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-cli-'))
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return dir
}
