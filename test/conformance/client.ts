/**
 * What every provider's SDK adapter implements for the conformance suite. Each adapter drives its official
 * SDK the way an application would, and reports what the SDK parsed.
 * @module
 */

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter'

export interface TextOutcome {
  text: string
  /** The SDK's finish/stop reason mapped to the canonical one. */
  finishReason: FinishReason | undefined
  usage?: { input: number; output: number }
}

export interface ToolCallOutcome {
  name: string
  args: unknown
  id: string
}

export interface ErrorOutcome {
  status: number | undefined
  message: string
  /** True when the SDK raised its own typed error class (e.g. `Anthropic.RateLimitError`). */
  typed: boolean
}

export interface ConformanceClient {
  /** e.g. `anthropic (@anthropic-ai/sdk)` */
  name: string
  text(prompt: string): Promise<TextOutcome>
  streamText(prompt: string): Promise<TextOutcome & { chunks: number }>
  toolCall(prompt: string, options: { stream: boolean }): Promise<ToolCallOutcome>
  /** Sends the prompt, the model's tool call and the tool's result; returns the final answer. */
  toolResult(prompt: string, call: ToolCallOutcome, result: string): Promise<TextOutcome>
  error(prompt: string): Promise<ErrorOutcome>
}

/** Adapters are created per test file with the mock's base URL (no trailing slash, no /v1). */
export type ClientFactory = (baseUrl: string) => ConformanceClient | Promise<ConformanceClient>

/** The tool every adapter offers the model. */
export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string' } },
    required: ['city'],
  },
} as const
