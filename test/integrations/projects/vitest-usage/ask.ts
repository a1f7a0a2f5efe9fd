import OpenAI from 'openai'

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

export async function ask(question: string): Promise<string | null> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return completion.choices[0]!.message.content
}
