import { Ollama, type ChatResponse, type Message, type ToolCall } from 'ollama'
import { WEATHER_TOOL, type ClientFactory, type FinishReason, type ToolCallOutcome } from '../client'

const model = 'llama3.2'
const tools = [
  {
    type: 'function',
    function: {
      ...WEATHER_TOOL,
      parameters: { ...WEATHER_TOOL.parameters, required: [...WEATHER_TOOL.parameters.required] },
    },
  },
]

/** Ollama ends a turn with `stop` (also after tool calls) or `length`. */
const finish = (reason: string | undefined): FinishReason | undefined =>
  reason === 'stop' ? 'stop' : reason === 'length' ? 'length' : undefined

/** The wire's call id: newer Ollama servers send one, which the SDK passes through though its types omit it. */
const outcome = (call: ToolCall): ToolCallOutcome => ({
  name: call.function.name,
  args: call.function.arguments,
  id: (call as ToolCall & { id?: string }).id ?? '',
})

export const ollama: ClientFactory = (baseUrl) => {
  const client = new Ollama({ host: baseUrl })
  const user = (prompt: string): Message[] => [{ role: 'user', content: prompt }]
  return {
    name: 'ollama (ollama)',
    async text(prompt) {
      const r = await client.chat({ model, messages: user(prompt) })
      return {
        text: r.message.content,
        finishReason: finish(r.done_reason),
        usage: { input: r.prompt_eval_count, output: r.eval_count },
      }
    },
    async streamText(prompt) {
      let text = ''
      let chunks = 0
      let last: ChatResponse | undefined
      for await (const part of await client.chat({ model, messages: user(prompt), stream: true })) {
        if (part.message.content) {
          text += part.message.content
          chunks++
        }
        last = part
      }
      return { text, chunks, finishReason: finish(last?.done_reason) }
    },
    async toolCall(prompt, { stream }) {
      if (!stream) {
        const r = await client.chat({ model, messages: user(prompt), tools })
        return outcome(r.message.tool_calls![0]!)
      }
      const calls: ToolCall[] = []
      for await (const part of await client.chat({ model, messages: user(prompt), tools, stream: true })) {
        calls.push(...(part.message.tool_calls ?? []))
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
            content: '',
            tool_calls: [{ function: { name: call.name, arguments: call.args as Record<string, unknown> } }],
          },
          { role: 'tool', content: result, tool_name: call.name },
        ],
      })
      return { text: r.message.content, finishReason: finish(r.done_reason) }
    },
    async error(prompt) {
      try {
        await client.chat({ model, messages: user(prompt) })
      } catch (error) {
        const e = error as Error & { status_code?: number }
        // The SDK does not export ResponseError; its name and status_code identify it.
        return {
          status: e.status_code,
          message: e.message,
          typed: e.name === 'ResponseError' && typeof e.status_code === 'number',
        }
      }
      throw new Error('expected an error')
    },
  }
}
