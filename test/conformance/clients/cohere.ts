import { Cohere, CohereClientV2 } from 'cohere-ai'
import { WEATHER_TOOL, type ClientFactory, type FinishReason, type ToolCallOutcome } from '../client'

const model = 'command-a-03-2025'
const tools: Cohere.ToolV2[] = [
  { type: 'function', function: { ...WEATHER_TOOL, parameters: { ...WEATHER_TOOL.parameters } } },
]

const FINISH: Record<string, FinishReason> = {
  COMPLETE: 'stop',
  TOOL_CALL: 'tool_calls',
  MAX_TOKENS: 'length',
}

const outcome = (call: Cohere.ToolCallV2): ToolCallOutcome => ({
  name: call.function!.name!,
  args: JSON.parse(call.function!.arguments!),
  id: call.id,
})

export const cohere: ClientFactory = (baseUrl) => {
  const client = new CohereClientV2({ token: 'test', environment: baseUrl, maxRetries: 0 })
  const user = (prompt: string): Cohere.ChatMessageV2[] => [{ role: 'user', content: prompt }]
  const text = (r: Cohere.V2ChatResponse) =>
    (r.message.content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('')
  return {
    name: 'cohere (cohere-ai)',
    async text(prompt) {
      const r = await client.chat({ model, messages: user(prompt) })
      return {
        text: text(r),
        finishReason: FINISH[r.finishReason],
        usage: { input: r.usage!.tokens!.inputTokens!, output: r.usage!.tokens!.outputTokens! },
      }
    },
    async streamText(prompt) {
      let out = ''
      let chunks = 0
      let finishReason: FinishReason | undefined
      for await (const event of await client.chatStream({ model, messages: user(prompt) })) {
        if (event.type === 'content-delta' && event.delta?.message?.content?.text) {
          out += event.delta.message.content.text
          chunks++
        }
        if (event.type === 'message-end') finishReason = FINISH[event.delta?.finishReason ?? '']
      }
      return { text: out, chunks, finishReason }
    },
    async toolCall(prompt, { stream }) {
      if (!stream)
        return outcome((await client.chat({ model, messages: user(prompt), tools })).message.toolCalls![0]!)
      const calls: Cohere.ToolCallV2[] = []
      for await (const event of await client.chatStream({ model, messages: user(prompt), tools })) {
        if (event.type === 'tool-call-start')
          calls.push({
            ...event.delta!.message!.toolCalls!,
            function: { ...event.delta!.message!.toolCalls!.function },
          })
        if (event.type === 'tool-call-delta')
          calls.at(-1)!.function!.arguments += event.delta?.message?.toolCalls?.function?.arguments ?? ''
      }
      return outcome(calls[0]!)
    },
    async toolResult(prompt, call, result) {
      const r = await client.chat({
        model,
        tools,
        messages: [
          ...user(prompt),
          {
            role: 'assistant',
            toolCalls: [
              {
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: JSON.stringify(call.args) },
              },
            ],
          },
          { role: 'tool', toolCallId: call.id, content: result },
        ],
      })
      return { text: text(r), finishReason: FINISH[r.finishReason] }
    },
    async error(prompt) {
      try {
        await client.chat({ model, messages: user(prompt) })
      } catch (error) {
        const e = error as Cohere.TooManyRequestsError
        return {
          status: e.statusCode,
          message: e.message,
          typed: error instanceof Cohere.TooManyRequestsError,
        }
      }
      throw new Error('expected an error')
    },
  }
}
