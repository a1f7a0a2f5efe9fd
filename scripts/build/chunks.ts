/**
 * The engine's cold subsystems as separate CommonJS chunks (issue 15): `dist/internal/chunk-<name>.js`,
 * loaded on first use through the same code-cache loader as the engine (src/loader/compile-cache.ts), so
 * a process that never uses a vector database or a protocol mock does not read, compile or run them.
 *
 * How a chunk shares the engine's module instances (one engine: classes, errors, schemas, registries):
 * - A chunk has one entry file (`src/vector/chunk.ts`...) that exports only plain functions. In the
 *   sources (tests, typecheck) the core imports it like any module. In the core bundle an import of it
 *   becomes a stub (`stubPlugin`): one wrapper function per export that loads the chunk on its first call.
 *   Reading an export (the ESM re-export's destructuring does) therefore loads nothing.
 * - The core set is every source module the core bundle holds (`analyseChunks`: a bundle of
 *   `src/internal.ts` with the stubs). In a chunk's bundle, an import of a core module becomes
 *   `require('./engine.js').__modules['src/…']` (`coreShimPlugin`): the namespace object of the core's own
 *   instance, which the core entry exports for exactly the modules the chunks use (`modulesTablePlugin`).
 *   Anything else is the chunk's own; two chunks may not share a module (the build fails: move it to the
 *   core, or to one chunk).
 * - `writeChunks` (after tsup) bundles each chunk and checks that no source module is in two files.
 * @module
 */
import { build, type Plugin } from 'esbuild'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export interface ChunkSpec {
  /** `dist/internal/chunk-<name>.js`. */
  name: string
  /** The chunk's entry, relative to the repository root. */
  entry: string
}

/** The chunks, in no particular order. */
export const CHUNKS: readonly ChunkSpec[] = [
  { name: 'vector', entry: 'src/vector/chunk.ts' },
  { name: 'protocols', entry: 'src/protocols/chunk.ts' },
  // The provider surfaces' wire code, HTTP and WebSocket (OpenAI's chat completions stays in the core).
  { name: 'providers', entry: 'src/providers/chunk.ts' },
  // A WebSocket upgrade's session and turns (the surfaces' wire code is the providers chunk's).
  { name: 'websocket', entry: 'src/websocket/accept.ts' },
  // The journal page's HTML, script and styles, served at `/__standin/journal`.
  { name: 'journal-page', entry: 'src/control/journal-page.ts' },
]

/** What the core and chunk builds need to know of each other, found before tsup runs. */
export interface ChunkPlan {
  chunks: readonly (ChunkSpec & { exports: readonly string[]; own: readonly string[] })[]
  /** Source modules in the core bundle (repository-relative). */
  core: ReadonlySet<string>
  /** Core modules the chunks import: the core entry exports their namespaces as `__modules`. */
  shared: readonly string[]
}

const STUB_NS = 'standin-chunk-stub'
const CORE_NS = 'standin-core-module'
const ROOT = resolve('.')
const id = (file: string) => relative(ROOT, file).split('\\').join('/')

/** The file a relative import names (the sources import without extensions). */
function resolveSource(resolveDir: string, path: string): string | undefined {
  if (!path.startsWith('.')) return undefined
  const base = resolve(resolveDir, path)
  for (const file of [base, `${base}.ts`, join(base, 'index.ts')])
    if (file.endsWith('.ts') && existsSync(file)) return file
  return undefined
}

/** In the core bundle: an import of a chunk entry becomes wrappers that load the chunk on first call. */
export function stubPlugin(plan: {
  chunks: readonly (ChunkSpec & { exports: readonly string[] })[]
}): Plugin {
  const byEntry = new Map(plan.chunks.map((c) => [resolve(c.entry), c]))
  return {
    name: 'standin-chunk-stubs',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind === 'entry-point' || args.namespace === STUB_NS) return undefined
        const file = resolveSource(args.resolveDir, args.path)
        return file && byEntry.has(file) ? { path: file, namespace: STUB_NS } : undefined
      })
      // The stub's own requires stay requires of the built files next to the engine.
      b.onResolve({ filter: /.*/, namespace: STUB_NS }, (args) => ({ path: args.path, external: true }))
      b.onLoad({ filter: /.*/, namespace: STUB_NS }, (args) => {
        const chunk = byEntry.get(args.path)!
        const wrappers = chunk.exports.map(
          (name) => `export function ${name}(...args) {\n  return load().${name}.apply(this, args)\n}`,
        )
        return {
          loader: 'js',
          resolveDir: ROOT,
          contents: [
            `// The ${chunk.name} chunk (chunk-${chunk.name}.js), compiled with the code cache on first use.`,
            'let chunk',
            'function load() {',
            `  return (chunk ??= require("./compile-cache.js").loadEngine(require("node:path").join(__dirname, "chunk-${chunk.name}.js")))`,
            '}',
            ...wrappers,
            '',
          ].join('\n'),
        }
      })
    },
  }
}

/** In the core bundle: `src/internal.ts` also exports `__modules`, the namespaces the chunks import. */
export function modulesTablePlugin(plan: Pick<ChunkPlan, 'shared'>): Plugin {
  const entry = resolve('src/internal.ts')
  return {
    name: 'standin-modules-table',
    setup(b) {
      b.onLoad({ filter: /internal\.ts$/ }, (args) => {
        if (args.path !== entry) return undefined
        const imports = plan.shared.map(
          (m, i) => `import * as __standin_m${i} from ${JSON.stringify(resolve(m))}`,
        )
        const table = plan.shared.map((m, i) => `  ${JSON.stringify(m)}: __standin_m${i},`)
        return {
          loader: 'ts',
          contents: [
            readFileSync(entry, 'utf8'),
            '// The core modules the lazily loaded chunks share (scripts/build/chunks.ts).',
            ...imports,
            `export const __modules = {\n${table.join('\n')}\n}`,
            '',
          ].join('\n'),
        }
      })
    },
  }
}

/** In a chunk's bundle: an import of a core module becomes the core instance's namespace object. */
function coreShimPlugin(core: ReadonlySet<string>): Plugin {
  return {
    name: 'standin-core-shims',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace === CORE_NS) return { path: args.path, external: true }
        const file = resolveSource(args.resolveDir, args.path)
        return file && core.has(id(file)) ? { path: id(file), namespace: CORE_NS } : undefined
      })
      b.onLoad({ filter: /.*/, namespace: CORE_NS }, (args) => ({
        loader: 'js',
        resolveDir: ROOT,
        contents: `module.exports = require("./engine.js").__modules[${JSON.stringify(args.path)}]\n`,
      }))
    },
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'silent',
} as const

/** Finds the core set, each chunk's exports and own modules, and the core modules the chunks use. */
export async function analyseChunks(chunks: readonly ChunkSpec[] = CHUNKS): Promise<ChunkPlan> {
  const withExports = await Promise.all(
    chunks.map(async (chunk) => {
      const result = await build({
        ...common,
        entryPoints: [chunk.entry],
        format: 'esm',
        write: false,
        metafile: true,
      })
      const exports = Object.values(result.metafile.outputs)[0]!.exports
      if (exports.includes('default')) throw new Error(`chunks: ${chunk.entry} has a default export`)
      return { ...chunk, exports }
    }),
  )
  const coreBuild = await build({
    ...common,
    entryPoints: ['src/internal.ts'],
    format: 'cjs',
    write: false,
    metafile: true,
    plugins: [stubPlugin({ chunks: withExports })],
  })
  const core = new Set(Object.keys(coreBuild.metafile.inputs).filter((m) => m.startsWith('src/')))
  const shared = new Set<string>()
  const owner = new Map<string, string>()
  const planned = await Promise.all(
    withExports.map(async (chunk) => {
      const result = await build({
        ...common,
        entryPoints: [chunk.entry],
        format: 'cjs',
        write: false,
        metafile: true,
        plugins: [coreShimPlugin(core)],
      })
      const own: string[] = []
      for (const input of Object.keys(result.metafile.inputs)) {
        if (input.startsWith(`${CORE_NS}:`)) shared.add(input.slice(CORE_NS.length + 1))
        else if (input.startsWith('src/')) own.push(input)
      }
      return { ...chunk, own }
    }),
  )
  for (const chunk of planned)
    for (const m of chunk.own) {
      const other = owner.get(m)
      if (other)
        throw new Error(
          `chunks: ${m} is in both the ${other} and the ${chunk.name} chunk: import it from the core`,
        )
      owner.set(m, chunk.name)
    }
  return { chunks: planned, core, shared: [...shared].sort() }
}

/** The source modules an (unminified) esbuild bundle holds, from its `// src/…` markers. */
export function bundledSources(code: string): string[] {
  // A module's code may come in parts (esbuild splits one around hoisted functions): one name each.
  return [...new Set([...code.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]!))]
}

/**
 * Writes `dist/internal/chunk-<name>.js` for each chunk and checks the split: no source module in two
 * files, no `import()` (a script compiled from a code cache cannot run one on Node 20).
 */
export async function writeChunks(plan: ChunkPlan, dist = 'dist'): Promise<void> {
  const dir = join(dist, 'internal')
  const seen = new Map<string, string>()
  const record = (file: string, code: string) => {
    for (const m of bundledSources(code)) {
      const other = seen.get(m)
      if (other) throw new Error(`chunks: ${m} is bundled in both ${other} and ${file}`)
      seen.set(m, file)
    }
  }
  record('engine.js', readFileSync(join(dir, 'engine.js'), 'utf8'))
  for (const chunk of plan.chunks) {
    const file = `chunk-${chunk.name}.js`
    const result = await build({
      ...common,
      entryPoints: [chunk.entry],
      format: 'cjs',
      outfile: join(dir, file),
      write: true,
      plugins: [coreShimPlugin(plan.core)],
    })
    if (result.errors.length) throw new Error(`chunks: ${file} did not build`)
    const code = readFileSync(join(dir, file), 'utf8')
    if (/(?<![\w$.])import\(/.test(code))
      throw new Error(`chunks: ${file} calls import(); load the module with lazyRequire instead`)
    record(file, code)
  }
}
