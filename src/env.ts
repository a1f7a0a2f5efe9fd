/**
 * The environment variables that point provider SDKs at a mock. Runner integrations set these per worker;
 * a table, so adding a provider is adding a row.
 * @module
 */

/** Variable name → how its value is built from the mock's base URL. */
export const PROVIDER_ENV: Record<string, (url: string) => string> = {
  STANDIN_URL: (url) => url,
  // openai SDK: the base URL includes /v1.
  OPENAI_BASE_URL: (url) => `${url}/v1`,
  // @anthropic-ai/sdk appends /v1/messages itself, so no /v1 here.
  ANTHROPIC_BASE_URL: (url) => url,
  // @anthropic-ai/vertex-sdk (AnthropicVertex): its base URL includes /v1.
  ANTHROPIC_VERTEX_BASE_URL: (url) => `${url}/v1`,
  // @google/genai
  GOOGLE_GEMINI_BASE_URL: (url) => url,
  // @google/genai in Vertex mode
  GOOGLE_VERTEX_BASE_URL: (url) => url,
  // ollama
  OLLAMA_HOST: (url) => url,
  // openai's AzureOpenAI client
  AZURE_OPENAI_ENDPOINT: (url) => url,
  // AWS SDK v3 service-specific endpoint
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: (url) => url,
  OPENROUTER_BASE_URL: (url) => `${url}/api/v1`,
}

/** Placeholder keys so SDK constructors that insist on a key do not throw; set only when absent. */
export const PLACEHOLDER_KEYS: Record<string, string> = {
  OPENAI_API_KEY: 'standin-key',
  ANTHROPIC_API_KEY: 'standin-key',
  GEMINI_API_KEY: 'standin-key',
  AZURE_OPENAI_API_KEY: 'standin-key',
  OPENROUTER_API_KEY: 'standin-key',
}

/** The variables for a mock at `url`. `only` limits them to some names (STANDIN_URL is always set). */
export function providerEnv(url: string, only?: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, build] of Object.entries(PROVIDER_ENV)) {
    if (!only || name === 'STANDIN_URL' || only.includes(name)) out[name] = build(url)
  }
  return out
}

/**
 * Sets the variables on `process.env` (placeholder keys only where none is set) and returns a function
 * that restores what was there before. `target` is another env object to write instead (a Jest test
 * environment's sandbox `process.env` is a copy, not the real one).
 */
export function applyProviderEnv(
  url: string,
  only?: string[],
  target: NodeJS.ProcessEnv = process.env,
): () => void {
  const previous = new Map<string, string | undefined>()
  const set = (name: string, value: string) => {
    if (!previous.has(name)) previous.set(name, target[name])
    target[name] = value
  }
  for (const [name, value] of Object.entries(providerEnv(url, only))) set(name, value)
  for (const [name, value] of Object.entries(PLACEHOLDER_KEYS))
    if (target[name] === undefined) set(name, value)
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete target[name]
      else target[name] = value
    }
  }
}
