/**
 * A small assistant on the openai SDK: names things, and answers weather questions with a `get_weather`
 * tool it runs when the model asks for it.
 */
import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'

// Created when the module loads, as apps usually do: the SDK reads OPENAI_BASE_URL and OPENAI_API_KEY
// now. standin's Jest environment sets both before any test file (and so this module) loads.
const openai = new OpenAI({ maxRetries: 0 })
const model = 'gpt-4o-mini'

/** One short answer to a one-line prompt. */
export async function ask(prompt: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: prompt }],
  })
  return completion.choices[0]?.message.content ?? ''
}

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The current weather in a city.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
]

/** The tool. A real app would call a weather API here. */
export function getWeather(city: string): string {
  return JSON.stringify({ city, sky: 'sunny', celsius: 21 })
}

/** Answers a weather question, running `get_weather` when the model calls it. */
export async function weatherAnswer(question: string): Promise<{ answer: string; toolCalls: string[] }> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  const toolCalls: string[] = []
  for (let turn = 0; turn < 4; turn++) {
    const completion = await openai.chat.completions.create({ model, messages, tools })
    const message = completion.choices[0]!.message
    if (!message.tool_calls?.length) return { answer: message.content ?? '', toolCalls }
    messages.push(message)
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue
      const { city } = JSON.parse(call.function.arguments) as { city: string }
      toolCalls.push(`${call.function.name}(${city})`)
      messages.push({ role: 'tool', tool_call_id: call.id, content: getWeather(city) })
    }
  }
  throw new Error('no answer within 4 turns')
}
