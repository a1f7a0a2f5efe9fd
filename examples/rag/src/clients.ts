/**
 * The three services the pipeline calls. In production each has its own URL and key; in the tests they are
 * all the same standin mock, and `headers` put every request in the test's own session.
 */
import { QdrantClient } from '@qdrant/js-client-rest'
import { CohereClientV2 } from 'cohere-ai'
import OpenAI from 'openai'

export interface RagClients {
  openai: OpenAI
  qdrant: QdrantClient
  cohere: CohereClientV2
}

export interface Endpoints {
  openaiBaseUrl: string
  qdrantUrl: string
  cohereUrl: string
  headers?: Record<string, string>
}

export function connect({ openaiBaseUrl, qdrantUrl, cohereUrl, headers = {} }: Endpoints): RagClients {
  return {
    openai: new OpenAI({ baseURL: openaiBaseUrl, apiKey: 'sk-test', maxRetries: 0, defaultHeaders: headers }),
    qdrant: new QdrantClient({ url: qdrantUrl, headers, checkCompatibility: false }),
    cohere: new CohereClientV2({ token: 'co-test', environment: cohereUrl, maxRetries: 0, headers }),
  }
}
