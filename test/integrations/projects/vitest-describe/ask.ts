import OpenAI from 'openai'

/** One chat request through the openai SDK, to `baseURL` (default: the worker's, from OPENAI_BASE_URL). */
export async function ask(text: string, baseURL = process.env.OPENAI_BASE_URL): Promise<string | null> {
  const client = new OpenAI({ baseURL, maxRetries: 0 })
  const answer = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: text }],
  })
  return answer.choices[0]!.message.content
}
