// Makes `import 'standin'` resolve to this checkout (its built dist/) from anywhere in the repository,
// so examples/ and integration tests use the package exactly as users get it from npm.
import { lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'

const link = new URL('../node_modules/standin', import.meta.url)
try {
  if (lstatSync(link).isSymbolicLink()) process.exit(0)
  rmSync(link, { recursive: true, force: true })
} catch {
  // not there yet
}
mkdirSync(new URL('../node_modules/', import.meta.url), { recursive: true })
symlinkSync('..', link, 'dir')
console.log('linked node_modules/standin -> .')
