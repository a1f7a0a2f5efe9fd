/**
 * Asking a mock through the OpenAI SDK and reducing the answer to what matching tests compare: the content
 * that came back, or the status of a miss.
 * @module
 */
import OpenAI from 'openai'
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions'

export type Ask = (
  messages: string | ChatCompletionMessageParam[],
  extra?: Partial<ChatCompletionCreateParamsNonStreaming>,
  headers?: Record<string, string>,
) => Promise<string | number>

/** Returns the answer's content, or the HTTP status when the SDK throws an APIError (404 on a miss). */
export function asker(client: OpenAI): Ask {
  return async (messages, extra = {}, headers) => {
    try {
      const completion = await client.chat.completions.create(
        {
          model: 'gpt-4o',
          messages: typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages,
          ...extra,
        },
        headers ? { headers } : undefined,
      )
      return completion.choices[0]!.message.content ?? ''
    } catch (error) {
      if (error instanceof OpenAI.APIError && error.status !== undefined) return error.status
      throw error
    }
  }
}
