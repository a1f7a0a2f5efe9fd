/**
 * What the config sections of mounted surfaces (`mcp`, `a2a`, `agui`) share: the mount path, and lists
 * given inline or as a JSON file next to the config holding an array or `{"<name>": [...]}`, read with
 * every problem reported as file, JSON path and expectation.
 * @module
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { z } from 'zod'
import { zod } from '../core/zod'
import type { FixtureIssue } from '../errors'
import { toFixtureIssues } from '../fixtures/issues'

/** Where a config file sits: paths in it are relative to `dir`, and shown relative to `cwd`. */
export interface ConfigPlace {
  dir: string
  cwd: string
}

/** A section's optional `path`: where its surface is mounted. */
export function mountPathSchema(fallback: string, detail = '') {
  return zod()
    .string()
    .startsWith('/', 'expected a path starting with "/"')
    .describe(`Mount path (default "${fallback}")${detail}.`)
    .optional()
}

/** A list inline, or the path of a JSON file holding it. */
export function listOrFile<T extends z.ZodType>(item: T, name: string) {
  const z = zod()
  return z.union([
    z
      .string()
      .min(1)
      .describe(`A JSON file, relative to this config, holding an array or {"${name}": [...]}.`),
    z.array(item),
  ])
}

export interface ListFile<T> {
  items: T[]
  /** The file as shown in messages, with the JSON path of the list: `agents.json#agents`. */
  source: string
}

/**
 * Reads the list in a JSON file (relative to the config) as `item` validates it. Problems land in `issues`
 * and give `undefined`; `describe` names the items in the message for a file that holds no list.
 */
export function readListFile<T extends z.ZodType>(
  value: string,
  place: ConfigPlace,
  list: {
    name: string
    item: T
    describe?: string
    issuesOf?: (file: string, error: z.ZodError, prefix: string) => FixtureIssue[]
  },
  issues: FixtureIssue[],
): ListFile<z.output<T>> | undefined {
  const file = resolve(place.dir, value)
  const shown = relative(place.cwd, file) || file
  const { name } = list
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const message = code === 'ENOENT' ? 'no such file' : `invalid JSON: ${(error as Error).message}`
    issues.push({ file: shown, path: '', message })
    return undefined
  }
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json) && name in json
  const prefix = wrapped ? name : ''
  const items = wrapped ? (json as Record<string, unknown>)[name] : json
  if (!Array.isArray(items)) {
    const message = `expected an array of ${list.describe ?? name}, or {"${name}": [...]}`
    issues.push({ file: shown, path: prefix, message })
    return undefined
  }
  const parsed = zod().array(list.item).safeParse(items)
  if (parsed.success) return { items: parsed.data, source: `${shown}#${prefix}` }
  issues.push(...(list.issuesOf ?? toFixtureIssues)(shown, parsed.error, prefix))
  return undefined
}
