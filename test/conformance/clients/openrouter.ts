import OpenAI from 'openai'
import type { ClientFactory } from '../client'
import { chatCompletionsClient } from './openai-chat'

/** The openai SDK pointed at OpenRouter's documented base URL, `https://openrouter.ai/api/v1`. */
export const openrouter: ClientFactory = (baseUrl) =>
  chatCompletionsClient(new OpenAI({ baseURL: `${baseUrl}/api/v1`, apiKey: 'test', maxRetries: 0 }), {
    name: 'openrouter (openai)',
    model: 'openai/gpt-4o',
  })
