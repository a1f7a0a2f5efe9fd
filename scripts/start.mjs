// `npm start`: runs `standin serve` from this checkout, rebuilding dist/cli/index.js only when a source
// is newer than it, and then only the CLI, without declarations (esbuild, about a second), so the listening
// line shows within seconds of `npm ci`. `npm run build` still builds the whole package. Arguments after
// `npm start --` go to `standin serve` (`npm start -- --routes --log`).
import { readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = join(root, 'dist', 'cli', 'index.js')
const require = createRequire(import.meta.url)

/** The newest modification time among the files the CLI is built from. */
function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs
  for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.ts') && !file.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(join(root, 'src', file)).mtimeMs)
  }
  return newest
}

function builtAt() {
  try {
    return statSync(cli).mtimeMs
  } catch {
    return -Infinity
  }
}

if (builtAt() < newestSource()) {
  const { dependencies = {} } = require('../package.json')
  const started = Date.now()
  // The same bundle as tsup.config.ts's `cli` entry: CommonJS for Node 20, dependencies left to node_modules.
  await (
    await import('esbuild')
  ).build({
    entryPoints: { 'cli/index': join(root, 'src/cli/index.ts') },
    outdir: join(root, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: Object.keys(dependencies),
    logLevel: 'warning',
  })
  process.stderr.write(`built dist/cli/index.js in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

process.argv = [process.argv[0], cli, 'serve', ...process.argv.slice(2)]
require(cli)
