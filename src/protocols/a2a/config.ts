/**
 * The config file's `a2a` section (the seed's one-port format): the mount path and the agents with their
 * fixtures, inline or in a JSON file next to the config (`"agents": "./fixtures/a2a/agents.json"`, holding
 * an array or `{"agents": [...]}`).
 * @module
 */
import { z } from 'zod'
import { listOrFile, mountPathSchema, readListFile, type ConfigPlace } from '../../config/section-files'
import type { FixtureIssue } from '../../errors'
import type { A2aServerOptions } from './a2a-server'
import { agentConfigSchema } from './schema'

export const DEFAULT_A2A_PATH = '/a2a'

export const a2aConfigSchema = z
  .strictObject({
    path: mountPathSchema(DEFAULT_A2A_PATH, ': each agent at <path>/<name>'),
    agents: listOrFile(agentConfigSchema, 'agents')
      .describe(
        'Agents with their messages, tasks and streaming tasks; the first is also served at the root card.',
      )
      .optional(),
  })
  .describe('A2A agents (JSON-RPC, v1.0 and v0.3) on the same port.')

export type A2aConfig = z.output<typeof a2aConfigSchema>

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
  const read = readListFile(agents, where, { name: 'agents', item: agentConfigSchema }, issues)
  return { path, options: { agents: read?.items ?? [] } }
}
