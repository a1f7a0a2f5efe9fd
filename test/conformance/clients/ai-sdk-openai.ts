import { createOpenAI } from '@ai-sdk/openai'
import type { ClientFactory } from '../client'
import { aiSdkClient } from './ai-sdk'

/** `openai(model)` speaks the Responses API: the AI SDK's default OpenAI model since v3. */
export const aiSdkOpenAI: ClientFactory = (baseUrl) => {
  const provider = createOpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test' })
  return aiSdkClient('openai responses (ai + @ai-sdk/openai)', provider('gpt-4o'))
}
