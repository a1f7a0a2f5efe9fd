/**
 * Azure OpenAI chat completions: `POST /openai/deployments/{deployment}/chat/completions?api-version=...`.
 * OpenAI's chat wire format (JSON and SSE), with Azure's content-filter annotations on JSON answers.
 * `/openai/v1/chat/completions` (the v1 API, called with the plain OpenAI client) is OpenAI's own wire and
 * is answered by the OpenAI surface's `**\/chat/completions` route.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 * @module
 */
import { chatCompletion, chatSurface } from '../openai/chat'
import { azureSurface } from './azure-surface'
import { azureChatResponseDecoding } from './decode-response'
import { withContentFilters } from './content-filter'

const surface = azureSurface(chatSurface, {
  api: 'chat',
  routes: [{ method: 'POST', path: '/openai/deployments/{deployment}/chat/completions' }],
})

export const azureChatSurface: typeof surface = {
  ...surface,
  encode: (result) => withContentFilters(chatCompletion(result)),
  response: azureChatResponseDecoding,
}
