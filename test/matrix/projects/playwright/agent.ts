/** A tiny agent on the official openai SDK: one tool round trip (call, result, answer). */
import OpenAI from 'openai'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'

const tools = [{ type: 'function' as const, function: { name: 'search', parameters: { type: 'object' } } }]

export async function ask(question: string, { baseURL = process.env.OPENAI_BASE_URL } = {}): Promise<string> {
  const client = new OpenAI({ baseURL, apiKey: 'sk-test', maxRetries: 0 })
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  for (let turn = 0; turn < 3; turn++) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools })
    const message = completion.choices[0]!.message
    if (!message.tool_calls?.length) return message.content ?? ''
    messages.push(message)
    for (const call of message.tool_calls)
      messages.push({ role: 'tool', tool_call_id: call.id, content: 'a result' })
  }
  throw new Error('the agent looped')
}
