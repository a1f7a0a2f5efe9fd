/**
 * The credentials `standin serve` enforces, from the command line, then the environment, then the config:
 * `--api-key` (repeatable), `STANDIN_API_KEYS` (or the seed's `AIMOCK_API_KEYS`; comma-separated) and
 * `auth.apiKeys`; `--control-token`, `STANDIN_CONTROL_TOKEN` and `auth.controlToken`. Only the CLI reads
 * the environment: a test process that happens to have the variable set keeps its in-process mocks open.
 * @module
 */
import type { StandinConfig } from '../config/config-file'
import type { AuthOptions } from '../security/inbound-auth'
import type { ServeFlags } from './args'

export function resolveServeAuth(
  flags: Pick<ServeFlags, 'apiKeys' | 'controlToken'>,
  config: StandinConfig['auth'],
  env: NodeJS.ProcessEnv,
): AuthOptions | undefined {
  const apiKeys =
    flags.apiKeys ?? listed(env.STANDIN_API_KEYS) ?? listed(env.AIMOCK_API_KEYS) ?? config?.apiKeys
  const controlToken = flags.controlToken ?? (env.STANDIN_CONTROL_TOKEN || undefined) ?? config?.controlToken
  if (apiKeys === undefined && controlToken === undefined) return undefined
  return { ...(apiKeys && { apiKeys }), ...(controlToken !== undefined && { controlToken }) }
}

/** `a, b,,c` as `['a', 'b', 'c']`; unset or empty as undefined (CI templates often set a variable empty). */
function listed(value: string | undefined): string[] | undefined {
  const keys = value
    ?.split(',')
    .map((key) => key.trim())
    .filter(Boolean)
  return keys && keys.length > 0 ? keys : undefined
}
