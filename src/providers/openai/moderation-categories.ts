/**
 * OpenAI's moderation categories, as the `openai` SDK types list them (`Moderation.Categories`), and the
 * input types each one applies to on the omni models (`Moderation.CategoryAppliedInputTypes`).
 * @see https://platform.openai.com/docs/guides/moderation
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** Category → whether the omni models also score images for it. */
export const CATEGORIES: ReadonlyArray<readonly [name: string, images: boolean]> = [
  ['harassment', false],
  ['harassment/threatening', false],
  ['hate', false],
  ['hate/threatening', false],
  ['illicit', false],
  ['illicit/violent', false],
  ['self-harm', true],
  ['self-harm/instructions', true],
  ['self-harm/intent', true],
  ['sexual', true],
  ['sexual/minors', false],
  ['violence', true],
  ['violence/graphic', true],
]

/** Categories the legacy text models do not score: reported as `null`. */
export const OMNI_ONLY = new Set(['illicit', 'illicit/violent'])

/**
 * A low score for an unflagged category: deterministic per input and category, from 0.000001 to 0.001, so
 * a threshold check in the app sees an ordinary, clearly harmless value.
 */
export function lowScore(input: string, category: string): number {
  const digest = nodeCrypto().createHash('sha256').update(category).update('\u0000').update(input).digest()
  return Math.round((0.000001 + (digest.readUInt32LE(0) / 0xffffffff) * 0.000999) * 1e9) / 1e9
}
