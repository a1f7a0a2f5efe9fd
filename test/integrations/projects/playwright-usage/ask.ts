import OpenAI from 'openai'

/** No baseURL given: the worker fixture set OPENAI_BASE_URL to this worker's mock. */
export async function ask(question: string): Promise<string | null> {
  const completion = await new OpenAI({ maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return completion.choices[0]!.message.content
}
