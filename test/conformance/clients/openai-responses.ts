import OpenAI from 'openai'
import type { Response, ResponseFunctionToolCall } from 'openai/resources/responses/responses'
import { WEATHER_TOOL, type ClientFactory, type FinishReason } from '../client'

const model = 'gpt-4o'
const tools = [
  { type: 'function' as const, ...WEATHER_TOOL, parameters: { ...WEATHER_TOOL.parameters }, strict: false },
]

/** The canonical finish reason of a Response: function calls, an incomplete status, or a plain stop. */
function finishReason(response: Response): FinishReason | undefined {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length'
  }
  if (response.status !== 'completed') return undefined
  return response.output.some((item) => item.type === 'function_call') ? 'tool_calls' : 'stop'
}

function functionCall(response: Response): ResponseFunctionToolCall {
  const call = response.output.find((item) => item.type === 'function_call')
  if (!call) throw new Error('expected a function_call output item')
  return call
}

export const openaiResponses: ClientFactory = (baseUrl) => {
  const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test', maxRetries: 0 })
  return {
    name: 'openai responses (openai)',
    async text(prompt) {
      const r = await client.responses.create({ model, input: prompt })
      return {
        text: r.output_text,
        finishReason: finishReason(r),
        usage: { input: r.usage!.input_tokens, output: r.usage!.output_tokens },
      }
    },
    async streamText(prompt) {
      const stream = await client.responses.create({ model, input: prompt, stream: true })
      let text = ''
      let chunks = 0
      let final: Response | undefined
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          text += event.delta
          chunks++
        }
        if (event.type === 'response.completed' || event.type === 'response.incomplete')
          final = event.response
      }
      return { text, chunks, finishReason: final && finishReason(final) }
    },
    async toolCall(prompt, { stream }) {
      const params = { model, input: prompt, tools }
      const response = stream
        ? await client.responses.stream(params).finalResponse()
        : await client.responses.create(params)
      const call = functionCall(response)
      return { name: call.name, args: JSON.parse(call.arguments), id: call.call_id }
    },
    async toolResult(prompt, call, result) {
      const r = await client.responses.create({
        model,
        tools,
        input: [
          { role: 'user', content: prompt },
          { type: 'function_call', call_id: call.id, name: call.name, arguments: JSON.stringify(call.args) },
          { type: 'function_call_output', call_id: call.id, output: result },
        ],
      })
      return { text: r.output_text, finishReason: finishReason(r) }
    },
    async error(prompt) {
      try {
        await client.responses.create({ model, input: prompt })
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
