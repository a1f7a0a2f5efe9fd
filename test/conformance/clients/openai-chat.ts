import OpenAI from 'openai'
import { WEATHER_TOOL, type ClientFactory, type ConformanceClient, type FinishReason } from '../client'

const tools = [
  { type: 'function' as const, function: { ...WEATHER_TOOL, parameters: { ...WEATHER_TOOL.parameters } } },
]

export const openaiChat: ClientFactory = (baseUrl) =>
  chatCompletionsClient(new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test', maxRetries: 0 }), {
    name: 'openai chat (openai)',
    model: 'gpt-4o',
  })

/**
 * The scenarios through `client.chat.completions`, for every service that speaks OpenAI's chat wire to the
 * openai SDK (OpenAI itself, Azure's `AzureOpenAI`, OpenRouter's `/api/v1`).
 */
export function chatCompletionsClient(
  client: OpenAI,
  { name, model }: { name: string; model: string },
): ConformanceClient {
  const user = (prompt: string) => [{ role: 'user' as const, content: prompt }]
  return {
    name,
    async text(prompt) {
      const r = await client.chat.completions.create({ model, messages: user(prompt) })
      const choice = r.choices[0]!
      return {
        text: choice.message.content ?? '',
        finishReason: choice.finish_reason as FinishReason,
        usage: { input: r.usage!.prompt_tokens, output: r.usage!.completion_tokens },
      }
    },
    async streamText(prompt) {
      const stream = await client.chat.completions.create({ model, messages: user(prompt), stream: true })
      let text = ''
      let chunks = 0
      let finishReason: FinishReason | undefined
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta.content
        if (delta) {
          text += delta
          chunks++
        }
        finishReason = (chunk.choices[0]?.finish_reason as FinishReason) ?? finishReason
      }
      return { text, chunks, finishReason }
    },
    async toolCall(prompt, { stream }) {
      const params = { model, messages: user(prompt), tools }
      const message = stream
        ? (await client.chat.completions.stream(params).finalChatCompletion()).choices[0]!.message
        : (await client.chat.completions.create(params)).choices[0]!.message
      const call = message.tool_calls![0]!
      if (call.type !== 'function') throw new Error('expected a function call')
      return { name: call.function.name, args: JSON.parse(call.function.arguments), id: call.id }
    },
    async toolResult(prompt, call, result) {
      const r = await client.chat.completions.create({
        model,
        tools,
        messages: [
          ...user(prompt),
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: JSON.stringify(call.args) },
              },
            ],
          },
          { role: 'tool', tool_call_id: call.id, content: result },
        ],
      })
      return {
        text: r.choices[0]!.message.content ?? '',
        finishReason: r.choices[0]!.finish_reason as FinishReason,
      }
    },
    async error(prompt) {
      try {
        await client.chat.completions.create({ model, messages: user(prompt) })
      } catch (error) {
        return {
          status: (error as { status?: number }).status,
          message: (error as Error).message,
          typed: error instanceof OpenAI.RateLimitError,
        }
      }
      throw new Error('expected an error')
    },
  }
}
