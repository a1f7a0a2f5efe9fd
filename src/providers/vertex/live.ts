/**
 * Gemini Live on Vertex AI: `LlmBidiService/BidiGenerateContent` (API versions v1 and v1beta1, the SDK's
 * default), the Gemini API's Live wire with Vertex's usage names (`candidatesTokenCount`).
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/multimodal-live
 * @module
 */
import { createLiveSurface, livePaths } from '../gemini/live'

export const vertexLiveSurface = createLiveSurface({
  id: 'vertex.live',
  provider: 'vertex',
  paths: livePaths(
    ['v1', 'v1beta1'].map(
      (version) => `google.cloud.aiplatform.${version}.LlmBidiService/BidiGenerateContent`,
    ),
  ),
  usage: 'vertex',
})
