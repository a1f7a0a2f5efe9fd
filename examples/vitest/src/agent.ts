/**
 * A small tool-using agent: asks the model, runs the `search` tool when the model calls it, sends the
 * result back and returns the model's final answer.
 */
import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'

// Created when the module loads, as apps usually do. In tests, standin has already set OPENAI_BASE_URL
// (and a placeholder OPENAI_API_KEY) to this worker's mock by then.
const openai = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL })

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search',
      description: 'Searches the web and returns the top result.',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
]

/** The tool. A real app would call a search API here. */
export async function search(query: string): Promise<string> {
  return `Top result for "${query}": sunny, 21°C`
}

export async function runAgent(question: string, { maxTurns = 4 } = {}): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    {
      role: 'system',
      content: 'You are a helpful assistant. Use the search tool for facts you do not know.',
    },
    { role: 'user', content: question },
  ]
  for (let turn = 0; turn < maxTurns; turn++) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
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
