/**
 * What the Gemini and Vertex AI decoder tests share: a surface's wire for a real request path, canonical
 * results to round-trip, and what the decoder should read back from them.
 */
import type { ChatResult } from '../../src/canonical'
import type { ChatSurface, DecodedChatResult, EmbeddingSurface } from '../../src/providers/provider'

export function headers(values: Record<string, string> = {}) {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]))
  return { get: (name: string) => lower[name.toLowerCase()] ?? null }
}

/** The wire `decode` returns for `body` posted to `path` (its query string included). */
export function wireFor<Wire>(
  surface: ChatSurface<Wire> | EmbeddingSurface<Wire>,
  path: string,
  body: unknown,
  params: Record<string, string> = { model: 'gemini-2.5-flash' },
): Wire {
  const url = new URL(`http://localhost${path}`)
  return surface.decode(body, { url, params, headers: headers(), memory: new Map() }).wire
}

/** A surface typed against its own wire, as the round-trip helpers (and the router) take it. */
export function erased<Wire>(surface: ChatSurface<Wire>): ChatSurface
export function erased<Wire>(surface: EmbeddingSurface<Wire>): EmbeddingSurface
export function erased(surface: unknown): unknown {
  return surface
}

export const request = {
  contents: [{ role: 'user', parts: [{ text: 'What is the weather in Paris and Rome?' }] }],
  tools: [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'object' } }] }],
}

export function chatResult(overrides: Partial<ChatResult>): ChatResult {
  return {
    kind: 'chat',
    id: 'Xo9LaJ2pBqbTz7IP8qWxgAc',
    model: 'gemini-2.5-flash',
    created: 1_735_689_600,
    blocks: [{ type: 'text', text: 'Sunny in Paris.' }],
    finishReason: 'stop',
    usage: { inputTokens: 14, outputTokens: 37, reasoningTokens: 0 },
    ...overrides,
  }
}

/** What Gemini's wire carries of a result: everything but `created` (Vertex AI adds it as `createTime`). */
export function carried(result: ChatResult, options: { created: boolean }): DecodedChatResult {
  const { created, ...rest } = result
  return options.created ? { ...rest, created } : rest
}

export const call = (id: string, name: string, args: unknown) => ({
  type: 'toolCall' as const,
  call: { id, name, arguments: JSON.stringify(args) },
})

/** Results every Gemini surface should read back as it wrote them. */
export const roundTripCases: [string, ChatResult][] = [
  ['text only', chatResult({})],
  ['an empty answer', chatResult({ blocks: [{ type: 'text', text: '' }] })],
  [
    'several tool calls with arguments',
    chatResult({
      blocks: [
        call('fc-1', 'get_weather', { city: 'Paris', unit: 'celsius' }),
        call('fc-2', 'get_weather', { city: 'Rome', days: 3, detailed: true, tags: ['a', 'b'] }),
        call('fc-3', 'get_time', {}),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'text then tool calls',
    chatResult({
      blocks: [
        { type: 'text', text: 'Let me check both cities.' },
        call('fc-1', 'get_weather', { city: 'Paris' }),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'a tool call between texts',
    chatResult({
      blocks: [
        call('fc-1', 'get_weather', { city: 'Paris' }),
        { type: 'text', text: 'Checking Rome as well, which takes a moment longer.' },
        call('fc-2', 'get_weather', { city: 'Rome' }),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'reasoning with a signature, then text',
    chatResult({
      reasoning: 'The user asks about Paris. I should answer briefly and mention the temperature.',
      reasoningSignature: 'CiQB0e2Kb3L1pXh0aW5raW5nLXNpZ25hdHVyZQ==',
      usage: { inputTokens: 14, outputTokens: 90, reasoningTokens: 61 },
    }),
  ],
  [
    'reasoning with a signature, then tool calls',
    chatResult({
      reasoning: 'I need the weather for two cities: two calls.',
      reasoningSignature: 'CiQB0e2Kb3sig-for-calls',
      blocks: [call('fc-1', 'get_weather', { city: 'Paris' }), call('fc-2', 'get_weather', { city: 'Rome' })],
      finishReason: 'tool_calls',
      usage: { inputTokens: 20, outputTokens: 75, reasoningTokens: 40 },
    }),
  ],
  [
    'cut at the token limit',
    chatResult({ finishReason: 'length', usage: { inputTokens: 5, outputTokens: 8, reasoningTokens: 0 } }),
  ],
  ['filtered', chatResult({ blocks: [{ type: 'text', text: 'I cannot' }], finishReason: 'content_filter' })],
]
