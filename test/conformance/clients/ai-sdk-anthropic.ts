import { createAnthropic } from '@ai-sdk/anthropic'
import { APICallError, generateText, jsonSchema, streamText, tool, type ModelMessage } from 'ai'
import { WEATHER_TOOL, type ClientFactory, type FinishReason } from '../client'

const tools = {
  [WEATHER_TOOL.name]: tool({
    description: WEATHER_TOOL.description,
    inputSchema: jsonSchema<{ city: string; unit?: string }>({
      ...WEATHER_TOOL.parameters,
      required: [...WEATHER_TOOL.parameters.required],
    }),
  }),
}
const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  'tool-calls': 'tool_calls',
  length: 'length',
  'content-filter': 'content_filter',
}

export const aiSdkAnthropic: ClientFactory = (baseUrl) => {
  const provider = createAnthropic({ baseURL: `${baseUrl}/v1`, apiKey: 'test' })
  const model = provider('claude-sonnet-4-6')
  return {
    name: 'anthropic (ai + @ai-sdk/anthropic)',
    async text(prompt) {
      const r = await generateText({ model, prompt, maxRetries: 0 })
      return {
        text: r.text,
        finishReason: FINISH[r.finishReason],
        usage: { input: r.usage.inputTokens!, output: r.usage.outputTokens! },
      }
    },
    async streamText(prompt) {
      const r = streamText({ model, prompt, maxRetries: 0 })
      let text = ''
      let chunks = 0
      for await (const part of r.textStream) {
        text += part
        chunks++
      }
      return { text, chunks, finishReason: FINISH[await r.finishReason] }
    },
    async toolCall(prompt, { stream }) {
      const calls = stream
        ? await streamText({ model, prompt, tools, maxRetries: 0 }).toolCalls
        : (await generateText({ model, prompt, tools, maxRetries: 0 })).toolCalls
      const call = calls[0]!
      return { name: call.toolName, args: call.input, id: call.toolCallId }
    },
    async toolResult(prompt, call, result) {
      const messages: ModelMessage[] = [
        { role: 'user', content: prompt },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.args }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: call.id,
              toolName: call.name,
              output: { type: 'text', value: result },
            },
          ],
        },
      ]
      const r = await generateText({ model, messages, tools, maxRetries: 0 })
      return { text: r.text, finishReason: FINISH[r.finishReason] }
    },
    async error(prompt) {
      try {
        await generateText({ model, prompt, maxRetries: 0 })
      } catch (error) {
        return {
          status: APICallError.isInstance(error) ? error.statusCode : undefined,
          message: (error as Error).message,
          typed: APICallError.isInstance(error),
        }
      }
      throw new Error('expected an error')
    },
  }
}
