/** A minimal agent: one tool round trip through the openai SDK pointed at the worker's mock. */
import OpenAI from 'openai'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'

export const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })
const tools = [{ type: 'function' as const, function: { name: 'search', parameters: { type: 'object' } } }]

/** Asks once; when the model calls `search`, runs it (if `runTools`) and sends the result back. */
export async function ask(question: string, { runTools = true } = {}): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  const first = (await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })).choices[0]!
    .message
  const calls = first.tool_calls ?? []
  if (calls.length === 0 || !runTools) return first.content ?? ''
  messages.push(first)
  for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: 'a search result' })
  return (
    (await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })).choices[0]!.message
      .content ?? ''
  )
}
