import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'
import { search } from './search'

// Built once when the module loads, as most apps do: the SDK reads OPENAI_BASE_URL and OPENAI_API_KEY now.
// standin's Jest environment sets both before any test file (and so this module) loads.
const client = new OpenAI()

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search',
      description: 'Search the web',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
]

/** Answers a question, calling the `search` tool as often as the model asks and sending each result back. */
export async function runAgent(question: string, { maxTurns = 5 } = {}): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  for (let turn = 0; turn < maxTurns; turn++) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
    const message = completion.choices[0]!.message
    if (!message.tool_calls?.length) return message.content ?? ''
    messages.push(message)
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue
      const { query } = JSON.parse(call.function.arguments) as { query: string }
      messages.push({ role: 'tool', tool_call_id: call.id, content: await search(query) })
    }
  }
  throw new Error(`the agent did not answer within ${maxTurns} turns`)
}
