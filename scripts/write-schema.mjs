// Writes schema/fixture-file.schema.json from the built zod schema, so the published JSON Schema can never
// drift from the validator.
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { fixtureJsonSchema } = require('../dist/index.js')
const target = new URL('../schema/fixture-file.schema.json', import.meta.url)
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true })
writeFileSync(target, `${JSON.stringify(fixtureJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target.pathname}`)
