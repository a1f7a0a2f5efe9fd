/**
 * Which variable each provider's SDKs read for their base URL, so the guard's message can say why a
 * client went to the real host. A table, so adding a provider is adding a row; `PROVIDER_ENV` says which
 * of these standin sets.
 * @module
 */
import type { ProviderName } from '../msw/provider-hosts'

export interface SdkVariable {
  /** The client, as users import it. */
  sdk: string
  /** The variable it reads its base URL from, or null when it reads none (give it `baseURL` yourself). */
  variable: string | null
}

export interface ProviderHint {
  /** The provider's name in messages. */
  label: string
  sdks: readonly SdkVariable[]
}

/** Guarded providers (every host in `PROVIDER_HOSTS` but the local Ollama port) → what their SDKs read. */
export const SDK_VARIABLES: Record<Exclude<ProviderName, 'ollama'>, ProviderHint> = {
  openai: {
    label: 'OpenAI',
    sdks: [
      { sdk: 'openai', variable: 'OPENAI_BASE_URL' },
      { sdk: '@ai-sdk/openai', variable: 'OPENAI_BASE_URL' },
      { sdk: '@langchain/openai', variable: 'OPENAI_BASE_URL' },
    ],
  },
  anthropic: {
    label: 'Anthropic',
    sdks: [
      { sdk: '@anthropic-ai/sdk', variable: 'ANTHROPIC_BASE_URL' },
      { sdk: '@ai-sdk/anthropic', variable: 'ANTHROPIC_BASE_URL' },
    ],
  },
  gemini: {
    label: 'Gemini',
    sdks: [
      { sdk: '@google/genai', variable: 'GOOGLE_GEMINI_BASE_URL' },
      { sdk: '@ai-sdk/google', variable: null },
    ],
  },
  vertex: {
    label: 'Vertex AI',
    sdks: [
      { sdk: '@google/genai (vertexai: true)', variable: 'GOOGLE_VERTEX_BASE_URL' },
      { sdk: '@anthropic-ai/vertex-sdk', variable: 'ANTHROPIC_VERTEX_BASE_URL' },
    ],
  },
  azure: {
    label: 'Azure OpenAI',
    sdks: [{ sdk: 'openai (AzureOpenAI)', variable: 'AZURE_OPENAI_ENDPOINT' }],
  },
  bedrock: {
    label: 'Amazon Bedrock',
    sdks: [{ sdk: '@aws-sdk/client-bedrock-runtime', variable: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME' }],
  },
  cohere: { label: 'Cohere', sdks: [{ sdk: 'cohere-ai', variable: null }] },
  // @tavily/core reads its base URL from the `apiBaseURL` option only.
  tavily: { label: 'Tavily', sdks: [{ sdk: '@tavily/core', variable: null }] },
  openrouter: {
    label: 'OpenRouter',
    sdks: [{ sdk: 'openai (baseURL from it)', variable: 'OPENROUTER_BASE_URL' }],
  },
  mistral: { label: 'Mistral', sdks: [{ sdk: '@mistralai/mistralai', variable: null }] },
  groq: { label: 'Groq', sdks: [{ sdk: 'groq-sdk', variable: 'GROQ_BASE_URL' }] },
  together: { label: 'Together AI', sdks: [{ sdk: 'together-ai', variable: 'TOGETHER_BASE_URL' }] },
  fireworks: { label: 'Fireworks', sdks: [{ sdk: 'openai (explicit baseURL)', variable: null }] },
  deepseek: { label: 'DeepSeek', sdks: [{ sdk: 'openai (explicit baseURL)', variable: null }] },
  xai: { label: 'xAI', sdks: [{ sdk: 'openai (explicit baseURL)', variable: null }] },
  perplexity: { label: 'Perplexity', sdks: [{ sdk: 'openai (explicit baseURL)', variable: null }] },
  voyage: { label: 'Voyage AI', sdks: [{ sdk: 'voyageai', variable: null }] },
}

export type GuardedProvider = keyof typeof SDK_VARIABLES
