/**
 * The config file's `agui` section (the peer's one-port format, `fixtures` inline or in a JSON file next to
 * the config holding an array or `{"fixtures": [...]}`), validated strictly: a typo in a fixture fails
 * startup naming file and JSON path instead of silently never matching.
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'
import { listOrFile, mountPathSchema, readListFile, type ConfigPlace } from '../../config/section-files'
import type { FixtureIssue } from '../../errors'
import type { AguiServerOptions } from './agui-server'
import { aguiIssues, aguiSchemas } from './schema'

export const DEFAULT_AGUI_PATH = '/agui'

export const aguiConfigSchemas = lazySchemas((z) => {
  const aguiConfigSchema = z
    .strictObject({
      path: mountPathSchema(DEFAULT_AGUI_PATH),
      chunkSize: aguiSchemas().chunkSizeSchema,
      fixtures: listOrFile(aguiSchemas().aguiFixtureSchema, 'fixtures')
        .describe('AG-UI fixtures: first match wins.')
        .optional(),
    })
    .describe('AG-UI agent (RunAgentInput in, SSE events out) on the same port.')

  return { aguiConfigSchema }
})

type AguiConfigSchemas = ReturnType<typeof aguiConfigSchemas>

export type AguiConfig = z.output<AguiConfigSchemas['aguiConfigSchema']>

export interface ResolvedAguiConfig {
  path: string
  options: AguiServerOptions
}

/** Reads the section's fixture file; every problem found (file, JSON path, expectation) lands in `issues`. */
export function resolveAguiConfig(
  section: AguiConfig,
  where: ConfigPlace & { file: string },
  issues: FixtureIssue[],
): ResolvedAguiConfig {
  const { path = DEFAULT_AGUI_PATH, fixtures, chunkSize } = section
  if (typeof fixtures !== 'string') {
    return { path, options: { chunkSize, fixtures, source: `${where.file}#agui.fixtures` } }
  }
  const list = {
    name: 'fixtures',
    item: aguiSchemas().aguiFixtureSchema,
    describe: 'AG-UI fixtures',
    issuesOf: aguiIssues,
  }
  const read = readListFile(fixtures, where, list, issues)
  return { path, options: { chunkSize, ...(read && { fixtures: read.items, source: read.source }) } }
}
