/**
 * Canonical results for the round trips of the Anthropic-format surfaces (Messages, Claude on Vertex,
 * Claude and Nova on Bedrock, Converse), and what a decoder can read back of each.
 */
import type { ChatResult } from '../../src/canonical'
import type { DecodedChatResult } from '../../src/providers/provider'

function result(fields: Partial<ChatResult>): ChatResult {
  return {
    kind: 'chat',
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    model: 'claude-sonnet-4-6',
    created: 1_735_689_600,
    blocks: [],
    finishReason: 'stop',
    usage: { inputTokens: 25, outputTokens: 12, reasoningTokens: 0 },
    ...fields,
  }
}

const weather = (id: string, city: string) => ({
  type: 'toolCall' as const,
  call: { id, name: 'get_weather', arguments: JSON.stringify({ city, unit: 'celsius' }) },
})

export const CASES: Array<{ name: string; result: ChatResult }> = [
  { name: 'text only', result: result({ blocks: [{ type: 'text', text: 'Hello there, how can I help?' }] }) },
  {
    name: 'several tool calls',
    result: result({
      blocks: [
        weather('toolu_01A', 'Paris'),
        weather('toolu_01B', 'Tokyo'),
        {
          type: 'toolCall',
          call: { id: 'toolu_01C', name: 'search', arguments: '{"query":"weather \\"today\\"","limit":3}' },
        },
      ],
      finishReason: 'tool_calls',
    }),
  },
  {
    name: 'text then tool calls',
    result: result({
      blocks: [
        { type: 'text', text: "I'll check the weather in both cities." },
        weather('toolu_01A', 'Paris'),
        weather('toolu_01B', 'Tokyo'),
      ],
      finishReason: 'tool_calls',
    }),
  },
  {
    name: 'a tool call first, then text, then another call',
    result: result({
      blocks: [
        weather('toolu_01A', 'Paris'),
        { type: 'text', text: 'And now Tokyo.' },
        weather('toolu_01B', 'Tokyo'),
      ],
      finishReason: 'tool_calls',
    }),
  },
  {
    name: 'a tool without arguments',
    result: result({
      blocks: [{ type: 'toolCall', call: { id: 'toolu_01N', name: 'now', arguments: '{}' } }],
      finishReason: 'tool_calls',
    }),
  },
  {
    name: 'reasoning with a signature, redacted reasoning, then text',
    result: result({
      reasoning: 'The user greets me. I should greet back briefly.',
      reasoningSignature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
      redactedReasoning: ['EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP'],
      blocks: [{ type: 'text', text: 'Hi!' }],
    }),
  },
  {
    name: 'reasoning then a tool call',
    result: result({
      reasoning: 'I need the weather.',
      reasoningSignature: 'sig-abc',
      blocks: [weather('toolu_01A', 'Oslo')],
      finishReason: 'tool_calls',
    }),
  },
  {
    name: 'reasoning only, cut by max_tokens',
    result: result({
      reasoning: 'Let me think about this at length',
      reasoningSignature: 'sig-x',
      finishReason: 'length',
    }),
  },
  {
    name: 'length',
    result: result({ blocks: [{ type: 'text', text: 'The answer is cut' }], finishReason: 'length' }),
  },
  {
    name: 'content filter',
    result: result({
      blocks: [],
      finishReason: 'content_filter',
      usage: { inputTokens: 9, outputTokens: 1, reasoningTokens: 0 },
    }),
  },
]

/**
 * What a decoder reads back of `result`: every field but those the wire does not carry. `envelope` names the
 * envelope fields the wire has (Anthropic: id and model; Converse: none).
 */
export function readBack(result: ChatResult, envelope: Array<'id' | 'model' | 'created'>): DecodedChatResult {
  const { id, model, created, usage, ...rest } = result
  const all = { id, model, created }
  const decoded: DecodedChatResult = {
    ...rest,
    usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
  }
  for (const field of envelope) Object.assign(decoded, { [field]: all[field] })
  return decoded
}
