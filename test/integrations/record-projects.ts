/**
 * What the per-test recording drivers share: a fresh copy of a template project for each scenario (inside
 * the repository, so `standin`, `openai` and the runners resolve from its node_modules), a fake OpenAI
 * upstream that numbers its answers (two identical prompts get two different answers), and readers for the
 * recordings and the answers the tests noted.
 */
import { spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeUpstream, type FakeUpstream } from '../record/fake-upstream'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROJECTS = join(ROOT, 'test/integrations/projects')

/** The key the mock sends upstream (STANDIN_UPSTREAM_OPENAI_KEY) and the one the tests' SDK sends it. */
export const UPSTREAM_KEY = 'sk-upstream-secret-0123456789'
export const CLIENT_KEY = 'sk-client-secret-9876543210'

const copies: string[] = []

/**
 * Copies `test/integrations/projects/<template>` (or any folder of the repository, given from its root) to
 * a new folder in test/integrations/projects; returns its absolute path.
 */
export function copyProject(template: string): string {
  const source = template.includes('/') ? join(ROOT, template) : join(PROJECTS, template)
  const dir = mkdtempSync(join(PROJECTS, `tmp-${template.replace(/\//g, '-')}-`))
  cpSync(source, dir, { recursive: true })
  copies.push(dir)
  return dir
}

/** Removes every copy made so far. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** The project's path relative to the repository root (what the runners are given). */
export function fromRoot(dir: string): string {
  return relative(ROOT, dir)
}

/** A fake OpenAI that answers request n with `answer n to <last user text>`. */
export async function numberingUpstream(): Promise<FakeUpstream> {
  let count = 0
  return startFakeUpstream((request) => {
    const messages = (request.body as { messages?: Array<{ content?: unknown }> } | undefined)?.messages
    const last = messages?.at(-1)?.content
    return { text: `answer ${++count} to ${typeof last === 'string' ? last : '?'}` }
  })
}

/** Chat requests the fake answered. */
export function chatCalls(fake: FakeUpstream): number {
  return fake.requests.filter((request) => request.route === 'openai.chat').length
}

/** Every file under `<project>/<folder>` (default `__recordings__`), relative to the project, with its text. */
export function recordings(project: string, folder = '__recordings__'): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (dir: string) => {
    if (!existsSync(dir)) return
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.set(relative(project, path), readFileSync(path, 'utf8'))
    }
  }
  walk(join(project, folder))
  return out
}

export interface RecordedFixture {
  match: Record<string, unknown>
  response: { content?: string } & Record<string, unknown>
  /** A streamed answer's cadence. */
  recordedTimings?: { ttftMs: number; interChunkDelaysMs: number[] }
}

/** The fixtures of a recording file (seed format: `{ fixtures: [...] }`). */
export function fixturesIn(text: string | undefined): RecordedFixture[] {
  if (text === undefined) throw new Error('no such recording')
  return (JSON.parse(text) as { fixtures: RecordedFixture[] }).fixtures
}

/** What each test noted it was answered (`answer-<name>.json` in the run's folder). */
export function answers(runDir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(runDir)) {
    const match = /^answer-(.+)\.json$/.exec(name)
    if (match)
      out[match[1]!] = (JSON.parse(readFileSync(join(runDir, name), 'utf8')) as { answer: string }).answer
  }
  return out
}

/** Writes a recording file that no test names (or that a test left), valid for the fixture loader. */
export function plantRecording(path: string, content: string): void {
  writeFileSync(
    path,
    `${JSON.stringify({ fixtures: [{ match: { userMessage: 'planted' }, response: { content } }] }, null, 2)}\n`,
  )
}

/** `standin validate <paths>` (the built CLI): exit code and output. */
export function validate(paths: string[]): Promise<{ code: number | null; output: string }> {
  return runScript(join(ROOT, 'dist/cli/index.js'), ['validate', ...paths])
}

/** `tsc -p <project> --noEmit`: exit code and output. */
export function typecheck(project: string): Promise<{ code: number | null; output: string }> {
  return runScript(join(ROOT, 'node_modules/typescript/bin/tsc'), ['-p', project, '--noEmit'])
}

async function runScript(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  return { code, output }
}

/** The variables that send the mock's misses to the fake, with a key of its own. */
export function upstreamEnv(fake: FakeUpstream): Record<string, string> {
  return {
    STANDIN_UPSTREAM_OPENAI: fake.url,
    STANDIN_UPSTREAM_OPENAI_KEY: UPSTREAM_KEY,
    OPENAI_API_KEY: CLIENT_KEY,
  }
}
