/**
 * The app's assistant, built on the official `openai` SDK with its defaults: https://api.openai.com/v1
 * and OPENAI_API_KEY. Nothing here knows about tests; MSW intercepts the SDK's fetch calls.
 */
import OpenAI from 'openai'
import { getUser, searchWeb } from './users-api.js'

const MODEL = 'gpt-4o-mini'
const openai = new OpenAI()

function welcomePrompt(name: string): OpenAI.ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: 'You greet new users of our app in one friendly sentence.' },
    { role: 'user', content: `Write a welcome message for ${name}.` },
  ]
}

/** A welcome line for a user; a plain greeting when the model is unavailable. */
export async function welcomeMessage(userId: number): Promise<string> {
  const user = await getUser(userId)
  try {
    const completion = await openai.chat.completions.create({
      model: MODEL,
      messages: welcomePrompt(user.name),
    })
    return completion.choices[0]?.message.content ?? `Welcome, ${user.name}!`
  } catch {
    return `Welcome, ${user.name}!`
  }
}

/** The same welcome, streamed: `onText` gets each piece as it arrives (a chat UI would render it). */
export async function streamWelcome(userId: number, onText: (text: string) => void): Promise<string> {
  const user = await getUser(userId)
  const stream = await openai.chat.completions.create({
    model: MODEL,
    messages: welcomePrompt(user.name),
    stream: true,
  })
  let text = ''
  for await (const chunk of stream) {
    const piece = chunk.choices[0]?.delta.content
    if (!piece) continue
    text += piece
    onText(piece)
  }
  return text
}

const SEARCH_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'search',
    description: 'Search the web',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
}

/** Answers a question, letting the model call the `search` tool (our REST API) as often as it asks. */
export async function answer(question: string): Promise<string> {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: question }]
  for (let turn = 0; turn < 5; turn++) {
    const completion = await openai.chat.completions.create({ model: MODEL, messages, tools: [SEARCH_TOOL] })
    const message = completion.choices[0]!.message
    const calls = message.tool_calls ?? []
    if (calls.length === 0) return message.content ?? ''
    messages.push(message)
    for (const call of calls) {
      if (call.type !== 'function') continue
      const { query } = JSON.parse(call.function.arguments) as { query: string }
      messages.push({ role: 'tool', tool_call_id: call.id, content: await searchWeb(query) })
    }
  }
  throw new Error('the model kept calling tools')
}
