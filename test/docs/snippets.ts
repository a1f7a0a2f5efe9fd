/**
 * The TypeScript code blocks of a Markdown file, and their strict type-check in a consumer-like project
 * (test/docs/consumer: `"type": "module"`, `module: nodenext`, strict, noUncheckedIndexedAccess) where
 * `standin` resolves to the built package, as it does for users. Conventions (CONTRIBUTING.md):
 * - ` ```ts ` is type-checked; ` ```ts no-check ` is not (a deliberate fragment; keep them rare);
 * - ` ```ts run ` is also run: with Vitest when it imports `vitest` or `standin/vitest`, else with Node;
 * - `<!-- snippet-context: ... -->` right above a block is TypeScript added after the block when it is
 *   checked (ambient declarations such as `declare function runAgent(): Promise<string>`), unseen by readers.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CONSUMER = fileURLToPath(new URL('./consumer', import.meta.url))

export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  source: string
  /** 1-based line in `source` of the block's first line of code. */
  line: number
  code: string
  /** The info string's words after the language: `no-check`, `run`. */
  flags: ReadonlySet<string>
  /** TypeScript from a `<!-- snippet-context: ... -->` comment above the block, or ''. */
  context: string
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/
const CONTEXT = /<!--\s*snippet-context:([\s\S]*?)-->\s*$/

/** Every ` ```ts ` (or `typescript`) block of `markdown`, with its line and flags. */
export function extractSnippets(markdown: string, source: string): Snippet[] {
  const lines = markdown.split('\n')
  const snippets: Snippet[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const [, indent = '', fence = '', lang = '', rest = ''] = open
    let end = i + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++
    if (lang === 'ts' || lang === 'typescript') {
      const code = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join('\n')
      snippets.push({
        source,
        line: i + 2,
        code,
        flags: new Set(rest.trim().split(/\s+/).filter(Boolean)),
        context: contextAbove(lines, i),
      })
    }
    i = end
  }
  return snippets
}

/** The `snippet-context` comment ending on the last non-blank line above line `fenceIndex`, if any. */
function contextAbove(lines: string[], fenceIndex: number): string {
  let j = fenceIndex - 1
  while (j >= 0 && lines[j]!.trim() === '') j--
  if (j < 0 || !lines[j]!.trimEnd().endsWith('-->')) return ''
  let start = j
  while (start >= 0 && !lines[start]!.includes('<!--')) start--
  const match = CONTEXT.exec(lines.slice(Math.max(start, 0), j + 1).join('\n'))
  return match?.[1]?.trim() ?? ''
}

/** The file name a snippet is written to: its source and line, so a tsc message already says where it is. */
export function snippetFileName(snippet: Snippet, extension = '.ts'): string {
  const base = snippet.source.replace(/[^A-Za-z0-9]+/g, '-').replace(/-md$/, '')
  return `${base}-L${snippet.line}${extension}`
}

/** The code as checked: the block, then its context, so the block's lines keep their numbers. */
export function snippetSource(snippet: Snippet): string {
  // `export {}` makes a block without imports a module too (top-level await, no global leaks).
  return `${snippet.code}\n${snippet.context}\nexport {}\n`
}

export interface SnippetError {
  snippet: Snippet
  /** `README.md:123`: where the error is in the Markdown file (or the block's first line for its context). */
  at: string
  message: string
}

const parsedConfig = (() => {
  const file = join(CONSUMER, 'tsconfig.json')
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path))
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'))
  return ts.parseJsonConfigFileContent(read.config, ts.sys, CONSUMER, undefined, file)
})()

/** A compiler host that parses each library file once for all the snippets' programs. */
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true)
  const cache = new Map<string, ts.SourceFile | undefined>()
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName.startsWith(join(CONSUMER, 'snippets'))) {
      return getSourceFile(fileName, languageVersion, onError, shouldCreate)
    }
    if (!cache.has(fileName))
      cache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate))
    return cache.get(fileName)
  }
  return host
}

/**
 * Type-checks each snippet in a program of its own (so one block's imports, such as a runner's matcher
 * augmentation, never type another block) and returns every error with its place in the Markdown file.
 */
export function checkSnippets(snippets: readonly Snippet[]): SnippetError[] {
  const dir = join(CONSUMER, 'snippets')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const host = cachingHost(parsedConfig.options)
  const errors: SnippetError[] = []
  let oldProgram: ts.Program | undefined
  for (const snippet of snippets) {
    if (snippet.flags.has('no-check')) continue
    const file = join(dir, snippetFileName(snippet))
    writeFileSync(file, snippetSource(snippet))
    const program = ts.createProgram({ rootNames: [file], options: parsedConfig.options, host, oldProgram })
    oldProgram = program
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(),
      ...program.getSemanticDiagnostics(),
    ]
    for (const diagnostic of diagnostics) errors.push(locate(snippet, diagnostic))
  }
  return errors
}

function locate(snippet: Snippet, diagnostic: ts.Diagnostic): SnippetError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  const codeLines = snippet.code.split('\n').length
  if (!diagnostic.file || diagnostic.start === undefined) {
    return { snippet, at: `${snippet.source}:${snippet.line}`, message }
  }
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  const inOtherFile = !diagnostic.file.fileName.startsWith(join(CONSUMER, 'snippets'))
  if (inOtherFile) {
    return {
      snippet,
      at: `${snippet.source}:${snippet.line}`,
      message: `${relative(ROOT, diagnostic.file.fileName)}:${line + 1}: ${message}`,
    }
  }
  if (line >= codeLines) {
    return { snippet, at: `${snippet.source}:${snippet.line}`, message: `in its snippet-context: ${message}` }
  }
  return { snippet, at: `${snippet.source}:${snippet.line + line}`, message }
}

/** One line per error, TS code included, for a failure message. */
export function formatErrors(errors: readonly SnippetError[]): string {
  return errors.map((error) => `${error.at}: ${error.message.replace(/\n/g, '\n    ')}`).join('\n')
}
