import type { Surface } from '../provider'
import { azureChatSurface } from './chat'
import { azureEmbeddingsSurface } from './embeddings'
import { azureDeleteResponseSurface, azureResponsesSurface, azureRetrieveResponseSurface } from './responses'

/** Azure OpenAI: OpenAI's wire formats under `/openai/deployments/{deployment}/...` and `/openai/responses`. */
export const azureSurfaces: Surface[] = [
  azureChatSurface,
  azureEmbeddingsSurface,
  azureResponsesSurface,
  azureRetrieveResponseSurface,
  azureDeleteResponseSurface,
]
