// Copies the hand-written type-only entries (module augmentations tsup does not bundle) into dist/, next to
// the declarations they import: standin/jest/globals and standin/jest/types.
import { copyFileSync, mkdirSync } from 'node:fs'

const entries = ['jest/globals.d.ts', 'jest/types.d.ts']
for (const entry of entries) {
  const target = new URL(`../dist/${entry}`, import.meta.url)
  mkdirSync(new URL('.', target), { recursive: true })
  copyFileSync(new URL(`../integrations/${entry}`, import.meta.url), target)
}
console.log(`copied ${entries.length} type entries into dist/`)
