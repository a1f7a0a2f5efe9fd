import Anthropic from '@anthropic-ai/sdk'
import { WEATHER_TOOL, type ClientFactory, type FinishReason } from '../client'

const model = 'claude-sonnet-4-6'
const max_tokens = 1024
const tools = [
  {
    name: WEATHER_TOOL.name,
    description: WEATHER_TOOL.description,
    input_schema: { ...WEATHER_TOOL.parameters, required: [...WEATHER_TOOL.parameters.required] },
  },
]
const FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  refusal: 'content_filter',
}

export const anthropic: ClientFactory = (baseUrl) => {
  const client = new Anthropic({ baseURL: baseUrl, apiKey: 'test', maxRetries: 0 })
  const user = (prompt: string) => [{ role: 'user' as const, content: prompt }]
  const text = (message: Anthropic.Message) =>
    message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')
  return {
    name: 'anthropic (@anthropic-ai/sdk)',
    async text(prompt) {
      const message = await client.messages.create({ model, max_tokens, messages: user(prompt) })
      return {
        text: text(message),
        finishReason: FINISH[message.stop_reason ?? ''],
        usage: { input: message.usage.input_tokens, output: message.usage.output_tokens },
      }
    },
    async streamText(prompt) {
      const stream = client.messages.stream({ model, max_tokens, messages: user(prompt) })
      let assembled = ''
      let chunks = 0
      stream.on('text', (delta) => {
        assembled += delta
        chunks++
      })
      const final = await stream.finalMessage()
      if (text(final) !== assembled) throw new Error('text events and the final message disagree')
      return { text: assembled, chunks, finishReason: FINISH[final.stop_reason ?? ''] }
    },
    async toolCall(prompt, { stream }) {
      const params = { model, max_tokens, messages: user(prompt), tools }
      const message = stream
        ? await client.messages.stream(params).finalMessage()
        : await client.messages.create(params)
      const call = message.content.find((block) => block.type === 'tool_use')
      if (!call || call.type !== 'tool_use') throw new Error('expected a tool_use block')
      return { name: call.name, args: call.input, id: call.id }
    },
    async toolResult(prompt, call, result) {
      const message = await client.messages.create({
        model,
        max_tokens,
        tools,
        messages: [
          ...user(prompt),
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: call.id, name: call.name, input: call.args }],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: result }] },
        ],
      })
      return { text: text(message), finishReason: FINISH[message.stop_reason ?? ''] }
    },
    async error(prompt) {
      try {
        await client.messages.create({ model, max_tokens, messages: user(prompt) })
      } catch (error) {
        return {
          status: (error as { status?: number }).status,
          message: (error as Error).message,
          typed: error instanceof Anthropic.RateLimitError,
        }
      }
      throw new Error('expected an error')
    },
  }
}
