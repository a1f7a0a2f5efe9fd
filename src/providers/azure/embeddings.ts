/**
 * Azure OpenAI embeddings: `POST /openai/deployments/{deployment}/embeddings?api-version=...`, OpenAI's wire
 * format with the deployment as the model.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#embeddings
 * @module
 */
import { embeddingsSurface } from '../openai/embeddings'
import { azureSurface } from './azure-surface'

export const azureEmbeddingsSurface = azureSurface(embeddingsSurface, {
  api: 'embeddings',
  routes: [{ method: 'POST', path: '/openai/deployments/{deployment}/embeddings' }],
})
