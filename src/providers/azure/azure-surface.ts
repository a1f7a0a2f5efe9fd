/**
 * Azure OpenAI speaks OpenAI's wire format under its own paths: `/openai/deployments/{deployment}/...` with
 * an `api-version` query, where the body may omit `model` (the deployment names it). An Azure surface is the
 * OpenAI surface for the same API, re-routed, with the deployment as the model and Azure's error envelope.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * @module
 */
import { WireError } from '../../errors'
import type { DecodeContext, ExchangeSurface, RouteSpec } from '../provider'
import { isObject } from '../wire/json-guards'
import { azureErrorResult } from './decode-response'
import { azureError, azureErrorHeaders } from './errors'

export interface AzureSurfaceOptions {
  /** The API name in the surface id, e.g. `chat` for `azure.chat`. */
  api: string
  routes: RouteSpec[]
}

/**
 * The Azure form of an OpenAI surface: same decoding and encoding, Azure's routes, model and errors. The
 * engine journals its requests as `azure.<api>` from the surface's own id.
 */
export function azureSurface<Surface extends ExchangeSurface<any>>(
  base: Surface,
  options: AzureSurfaceOptions,
): Surface {
  return {
    ...base,
    id: `azure.${options.api}`,
    provider: 'azure',
    routes: options.routes,
    decode(body: unknown, context: DecodeContext) {
      requireApiVersion(context)
      return base.decode(withDeploymentModel(body, context.params.deployment), context)
    },
    // Read back with the OpenAI surface's decoders, and errors in Azure's envelope.
    ...(base.response ? { response: { ...base.response, error: azureErrorResult } } : {}),
    encodeError: azureError,
    errorHeaders: azureErrorHeaders,
  }
}

/**
 * Azure's dated routes (every route here; the v1 API's `/openai/v1/...` needs none and is OpenAI's surface)
 * require `api-version` and answer 404 "Resource not found" without it. The SDK always sends it.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle
 */
function requireApiVersion(context: DecodeContext): void {
  if (context.url.searchParams.get('api-version')) return
  throw new WireError(
    404,
    'Resource not found. (Azure OpenAI answers 404 when the api-version query parameter is missing.)',
  )
}

/** The body's `model` when it names one, else the deployment from the path. */
function withDeploymentModel(body: unknown, deployment: string | undefined): unknown {
  if (deployment === undefined || !isObject(body)) return body
  if (typeof body.model === 'string' && body.model !== '') return body
  return { ...body, model: deployment }
}
