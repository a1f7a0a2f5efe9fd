import { AzureOpenAI } from 'openai'
import type { ClientFactory } from '../client'
import { chatCompletionsClient } from './openai-chat'

/** The openai SDK's `AzureOpenAI` client: `/openai/deployments/{deployment}/chat/completions?api-version=...`. */
export const azure: ClientFactory = (baseUrl) =>
  chatCompletionsClient(
    new AzureOpenAI({
      endpoint: baseUrl,
      apiKey: 'test',
      apiVersion: '2024-10-21',
      deployment: 'my-gpt',
      maxRetries: 0,
    }),
    { name: 'azure (openai AzureOpenAI)', model: 'gpt-4o' },
  )
