/** A minimal agent turn through the official SDK: ask, run the tool the model calls, send its result back. */
import OpenAI from 'openai'

export async function askWithTools(
  baseURL: string,
  message: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const openai = new OpenAI({ baseURL, apiKey: 'test-key', defaultHeaders: headers })
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    {
      type: 'function',
      function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
    },
  ]
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: message }]
  const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
  const reply = first.choices[0]!.message
  if (!reply.tool_calls?.length) return reply.content ?? ''
  messages.push(reply)
  for (const call of reply.tool_calls) {
    if (call.type !== 'function') continue
    messages.push({ role: 'tool', tool_call_id: call.id, content: `results for ${call.function.arguments}` })
  }
  const second = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
  return second.choices[0]!.message.content ?? ''
}

/** The last user message of a journaled chat request. */
export function lastUserMessage(body: string): string | undefined {
  const messages =
    (JSON.parse(body) as { messages?: Array<{ role: string; content: unknown }> }).messages ?? []
  const user = messages.filter((m) => m.role === 'user').at(-1)
  return typeof user?.content === 'string' ? user.content : undefined
}
