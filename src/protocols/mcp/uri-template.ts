/**
 * Matching a URI against an RFC 6570 template (MCP resource templates), reading back its variables. The
 * expressions resource templates use are served: `{var}` (one segment), `{+var}` and `{#var}` (any text),
 * `{/var}` (a path segment) and `{?a,b}` / `{&a}` (query parameters, optional).
 * @see https://www.rfc-editor.org/rfc/rfc6570
 * @module
 */
import { StandinError } from '../../errors'

export interface UriTemplate {
  source: string
  /** The variables when `uri` matches, else undefined. */
  match(uri: string): Record<string, string> | undefined
}

const EXPRESSION = /\{([+#/?&]?)([A-Za-z0-9_.,%]+)\}/g

export function compileUriTemplate(source: string): UriTemplate {
  let pattern = ''
  let last = 0
  const groups: { names: string[]; query: boolean }[] = []
  for (const found of source.matchAll(EXPRESSION)) {
    const [whole, operator, list] = found as unknown as [string, string, string]
    pattern += escape(source.slice(last, found.index))
    last = found.index! + whole.length
    const names = list.split(',')
    if (operator === '?' || operator === '&') {
      pattern += '(?:[?&](.*))?'
      groups.push({ names, query: true })
      continue
    }
    if (names.length > 1) throw unsupported(source, whole)
    pattern +=
      operator === '/' ? '/([^/?#]*)' : operator === '' ? '([^/?#]*)' : `${operator === '#' ? '#' : ''}(.*?)`
    groups.push({ names, query: false })
  }
  pattern += escape(source.slice(last))
  const regex = new RegExp(`^${pattern}$`)
  return {
    source,
    match(uri) {
      const found = regex.exec(uri)
      if (!found) return undefined
      const variables: Record<string, string> = {}
      groups.forEach((group, index) => {
        const value = found[index + 1]
        if (value === undefined) return
        if (!group.query) variables[group.names[0]!] = decode(value)
        else
          for (const [key, v] of new URLSearchParams(value)) if (group.names.includes(key)) variables[key] = v
      })
      return variables
    },
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function unsupported(source: string, expression: string): StandinError {
  return new StandinError(
    'STANDIN_BAD_URI_TEMPLATE',
    `The URI template ${JSON.stringify(source)} uses ${expression}: one variable per expression, except in {?a,b} and {&a,b}.`,
  )
}
