// Writes schema/*.schema.json from the built zod schemas, so the published JSON Schemas can never drift
// from the validators: fixture files and the one-port config file.
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { fixtureJsonSchema, configJsonSchema } = require('../dist/index.js')
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true })
for (const [name, build] of [
  ['fixture-file', fixtureJsonSchema],
  ['config', configJsonSchema],
]) {
  const target = new URL(`../schema/${name}.schema.json`, import.meta.url)
  writeFileSync(target, `${JSON.stringify(build(), null, 2)}\n`)
  console.log(`wrote schema/${name}.schema.json`)
}
