/**
 * The hosts `standinHandlers()` owns by default: the real endpoints of the providers the official SDKs
 * call when no base URL is set. A table, so adding a provider is adding a row.
 * @module
 */

/** A host (`api.openai.com`, or with its port: `localhost:11434`), or a pattern for hosts with a region or resource label. */
export type HostPattern = string | RegExp

/**
 * Provider name → the hosts its SDKs call by default. Names follow the engine's provider ids where one
 * exists. Patterns are anchored and tested against `URL.host` (host name, plus the port when it is not
 * the scheme's default).
 */
export const PROVIDER_HOSTS = {
  openai: ['api.openai.com'],
  anthropic: ['api.anthropic.com'],
  gemini: ['generativelanguage.googleapis.com'],
  // Vertex AI: the global endpoint and the regional ones (`us-central1-aiplatform.googleapis.com`).
  vertex: ['aiplatform.googleapis.com', /^[a-z0-9-]+-aiplatform\.googleapis\.com$/],
  // Azure OpenAI resources, old and new domains, and Azure AI Foundry.
  azure: [
    /^[a-z0-9-]+\.openai\.azure\.com$/,
    /^[a-z0-9-]+\.cognitiveservices\.azure\.com$/,
    /^[a-z0-9-]+\.services\.ai\.azure\.com$/,
  ],
  bedrock: [/^bedrock-runtime(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com$/],
  cohere: ['api.cohere.com', 'api.cohere.ai'],
  openrouter: ['openrouter.ai'],
  mistral: ['api.mistral.ai'],
  groq: ['api.groq.com'],
  together: ['api.together.xyz', 'api.together.ai'],
  fireworks: ['api.fireworks.ai'],
  deepseek: ['api.deepseek.com'],
  xai: ['api.x.ai'],
  perplexity: ['api.perplexity.ai'],
  voyage: ['api.voyageai.com'],
  tavily: ['api.tavily.com'],
  // Ollama's default address (OLLAMA_HOST unset).
  ollama: ['localhost:11434', '127.0.0.1:11434'],
} satisfies Record<string, readonly HostPattern[]>

/** A provider whose default hosts `standinHandlers()` can own. */
export type ProviderName = keyof typeof PROVIDER_HOSTS
