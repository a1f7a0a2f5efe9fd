/**
 * The config file's `a2a` section (the seed's one-port format): the mount path and the agents with their
 * fixtures, inline or in a JSON file next to the config (`"agents": "./fixtures/a2a/agents.json"`, holding
 * an array or `{"agents": [...]}`).
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'
import { listOrFile, mountPathSchema, readListFile, type ConfigPlace } from '../../config/section-files'
import type { FixtureIssue } from '../../errors'
import type { A2aServerOptions } from './a2a-server'
import { a2aSchemas } from './schema'

export const DEFAULT_A2A_PATH = '/a2a'

export const a2aConfigSchemas = lazySchemas((z) => {
  const a2aConfigSchema = z
    .strictObject({
      path: mountPathSchema(DEFAULT_A2A_PATH, ': each agent at <path>/<name>'),
      agents: listOrFile(a2aSchemas().agentConfigSchema, 'agents')
        .describe(
          'Agents with their messages, tasks and streaming tasks; the first is also served at the root card.',
        )
        .optional(),
    })
    .describe('A2A agents (JSON-RPC, v1.0 and v0.3) on the same port.')

  return { a2aConfigSchema }
})

type A2aConfigSchemas = ReturnType<typeof a2aConfigSchemas>

export type A2aConfig = z.output<A2aConfigSchemas['a2aConfigSchema']>

export interface ResolvedA2aConfig {
  path: string
  options: A2aServerOptions
}

/** Reads the agents file; every problem found (file, JSON path, expectation) lands in `issues`. */
export function resolveA2aConfig(
  section: A2aConfig,
  where: ConfigPlace,
  issues: FixtureIssue[],
): ResolvedA2aConfig {
  const { path = DEFAULT_A2A_PATH, agents = [] } = section
  if (typeof agents !== 'string') return { path, options: { agents } }
  const read = readListFile(agents, where, { name: 'agents', item: a2aSchemas().agentConfigSchema }, issues)
  return { path, options: { agents: read?.items ?? [] } }
}
