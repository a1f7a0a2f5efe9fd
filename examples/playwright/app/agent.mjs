/**
 * The agent: asks the LLM (streaming), runs the `search` tool when the model calls it, sends the result
 * back, and yields the answer as it streams. Nothing here knows about tests.
 */

const MODEL = 'gpt-4o-mini'
const MAX_TURNS = 4

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'search',
      description: 'Search the web.',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
]

/** A stand-in search engine (the LLM is what the tests replace, not this). */
async function search({ query }) {
  return `Top result for "${query}": Paris is sunny today, 21 °C.`
}

/**
 * Runs one user message to its final answer.
 * @param {import('openai').OpenAI} openai
 * @param {string} message
 * @returns {AsyncGenerator<{ type: 'delta', text: string } | { type: 'tool', name: string, args: unknown }>}
 */
export async function* runAgent(openai, message) {
  const messages = [
    { role: 'system', content: 'You are a helpful assistant. Use search for current facts.' },
    { role: 'user', content: message },
  ]
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages,
      tools: TOOLS,
      stream: true,
    })
    const calls = []
    let text = ''
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta
      if (delta?.content) {
        text += delta.content
        yield { type: 'delta', text: delta.content }
      }
      for (const part of delta?.tool_calls ?? []) collectToolCall(calls, part)
    }
    if (calls.length === 0) return
    messages.push({
      role: 'assistant',
      content: text || null,
      tool_calls: calls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    })
    for (const call of calls) {
      const args = JSON.parse(call.arguments || '{}')
      yield { type: 'tool', name: call.name, args }
      const content = call.name === 'search' ? await search(args) : `Unknown tool ${call.name}`
      messages.push({ role: 'tool', tool_call_id: call.id, content })
    }
  }
}

/** Streamed tool calls arrive in pieces keyed by index. */
function collectToolCall(calls, part) {
  const call = (calls[part.index] ??= { id: '', name: '', arguments: '' })
  if (part.id) call.id = part.id
  if (part.function?.name) call.name += part.function.name
  if (part.function?.arguments) call.arguments += part.function.arguments
}
