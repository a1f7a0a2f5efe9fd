/**
 * Azure OpenAI Responses API: `POST /openai/responses?api-version=...` (where the `AzureOpenAI` client sends
 * it: the deployment travels as the body's `model`) and `POST /openai/deployments/{deployment}/responses`,
 * plus `GET`/`DELETE /openai/responses/{id}` for the responses this mock produced. OpenAI's Responses wire
 * format; stored responses live in Azure's own memory, so ids resolve within the provider that made them.
 * `/openai/v1/responses` (the v1 API, called with the plain OpenAI client) is answered by the OpenAI surfaces.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/how-to/responses
 * @module
 */
import { deleteResponseSurface, responsesSurface, retrieveResponseSurface } from '../openai/responses'
import type { StaticSurface } from '../provider'
import { azureSurface } from './azure-surface'

export const azureResponsesSurface = azureSurface(responsesSurface, {
  api: 'responses',
  routes: [
    { method: 'POST', path: '/openai/responses' },
    { method: 'POST', path: '/openai/deployments/{deployment}/responses' },
  ],
})

export const azureRetrieveResponseSurface: StaticSurface = {
  ...retrieveResponseSurface,
  id: 'azure.responses.retrieve',
  provider: 'azure',
  routes: [{ method: 'GET', path: '/openai/responses/{id}' }],
}

export const azureDeleteResponseSurface: StaticSurface = {
  ...deleteResponseSurface,
  id: 'azure.responses.delete',
  provider: 'azure',
  routes: [{ method: 'DELETE', path: '/openai/responses/{id}' }],
}
