/**
 * The local models the mock reports: the models the fixtures name, else a few common ones. Ollama names
 * carry a tag (`llama3.2:latest`); a bare name means `:latest`.
 * @see https://docs.ollama.com/api/tags
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import type { StaticContext } from '../provider'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

export const DEFAULT_MODELS = ['llama3.2:latest', 'qwen3:latest', 'nomic-embed-text:latest']

export function servedModels(context: StaticContext): string[] {
  const named = context.models().map(tagged)
  return named.length > 0 ? [...new Set(named)] : DEFAULT_MODELS
}

export function tagged(name: string): string {
  return name.includes(':') ? name : `${name}:latest`
}

/** `details` of a model, guessed from its name: a family, and the usual quantised GGUF build. */
export function modelDetails(name: string): Record<string, unknown> {
  const family = name.split(/[:\d.\-_]/)[0] || name
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: isEmbedding(name) ? '137M' : '3.2B',
    quantization_level: isEmbedding(name) ? 'F16' : 'Q4_K_M',
  }
}

export function isEmbedding(name: string): boolean {
  return /embed/i.test(name)
}

/** A stable sha256 per name, as Ollama's digests are content hashes. */
export function digest(name: string): string {
  return nodeCrypto().createHash('sha256').update(name).digest('hex')
}
