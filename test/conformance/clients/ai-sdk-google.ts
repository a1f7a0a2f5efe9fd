import { createGoogleGenerativeAI } from '@ai-sdk/google'
import type { ClientFactory } from '../client'
import { aiSdkClient } from './ai-sdk'

/** `ai` with `@ai-sdk/google` on its default API version (v1beta). */
export const aiSdkGoogle: ClientFactory = (baseUrl) => {
  const google = createGoogleGenerativeAI({ baseURL: `${baseUrl}/v1beta`, apiKey: 'test' })
  return aiSdkClient('gemini (ai + @ai-sdk/google)', google('gemini-2.5-flash'))
}
