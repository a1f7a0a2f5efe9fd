// API reports of the built package: one etc/<name>.api.md per entry in package.json "exports", made by API
// Extractor from the CommonJS declarations in dist/ (run `npm run build` first), so the public surface
// changes only on purpose.
//
//   node scripts/api-report.mjs           check: fails when a report is missing or differs (npm run api:check)
//   node scripts/api-report.mjs --update  rewrite the reports (npm run api:update)
//
// The settings are api-extractor.json's; only the entry file and the report name change per entry.
// @see https://api-extractor.com/pages/setup/invoking/
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

// Entries with nothing to report: `jest/setup` only imports the package for its side effect, and
// `jest/globals`, `jest/types` are hand-written module augmentations, which API Extractor cannot analyse.
const SKIP = new Set(['./jest/setup', './jest/globals', './jest/types'])

const root = fileURLToPath(new URL('..', import.meta.url))
const update = process.argv.includes('--update')
if (!existsSync(`${root}dist/index.d.ts`)) {
  console.error('No declarations in dist/: run `npm run build` first.')
  process.exit(1)
}
// api-extractor.json maps `standin` to node_modules/standin, the link to this folder that `npm install` removes.
execFileSync(process.execPath, [`${root}scripts/link-self.mjs`], { stdio: 'inherit' })
const configPath = `${root}api-extractor.json`
const base = ExtractorConfig.loadFile(configPath)
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))

/** `./msw/node` → { report: 'standin-msw-node', types: 'dist/msw/node/index.d.ts' }; null for no declarations. */
function entryOf(subpath, target) {
  const types = target?.require?.types
  if (typeof types !== 'string' || SKIP.has(subpath)) return null
  const suffix = subpath === '.' ? '' : `-${subpath.slice(2).replaceAll('/', '-')}`
  return { subpath, report: `${pkg.name}${suffix}`, types: types.replace(/^\.\//, '') }
}

const entries = Object.entries(pkg.exports)
  .map(([subpath, target]) => entryOf(subpath, target))
  .filter(Boolean)

const configs = entries.map((entry) =>
  ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: `<projectFolder>/${entry.types}`,
      apiReport: { ...base.apiReport, reportFileName: entry.report },
    },
    configObjectFullPath: configPath,
    packageJsonFullPath: `${root}package.json`,
  }),
)
// One TypeScript program for every entry: building it is most of the time a run takes.
const compilerState = CompilerState.create(configs[0], {
  additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath),
})

let failed = 0
for (const [i, entry] of entries.entries()) {
  const config = configs[i]
  const warnings = []
  const result = Extractor.invoke(config, {
    localBuild: update,
    compilerState,
    messageCallback(message) {
      // Warnings (ae-forgotten-export above all) are printed under the entry's line and do not fail the
      // check, where API Extractor would fail a non-local run on any warning; its notes about the report
      // file (console-*) are said by that line. Errors stay its own to print and count.
      if (message.logLevel === 'error') return
      if (message.logLevel === 'warning' && !message.messageId.startsWith('console-')) {
        warnings.push(`  warning: ${message.formatMessageWithLocation(root).replaceAll('\n', '\n    ')}`)
      }
      message.logLevel = 'none' // not counted, so not failing the run
      message.handled = true
    },
  })
  const changed = result.apiReportChanged && !update
  const state = !result.succeeded
    ? 'FAILED'
    : changed
      ? 'CHANGED'
      : result.apiReportChanged
        ? 'updated'
        : 'same'
  if (!result.succeeded || changed) failed++
  console.log(`${state.padEnd(7)} ${entry.subpath.padEnd(22)} etc/${entry.report}.api.md`)
  if (changed)
    console.log(
      `  diff etc/${entry.report}.api.md ${relative(root, config.reportTempFolder)}/${entry.report}.api.md`,
    )
  for (const line of warnings) console.log(line)
}

if (failed > 0) {
  console.error(
    update
      ? `\n${failed} report(s) could not be written (see the errors above).`
      : `\nThe public API differs from etc/ in ${failed} report(s). If the change is meant, run \`npm run api:update\`\n` +
          'and commit etc/; the diff there is what users will see.',
  )
  process.exit(1)
}
