/**
 * OpenRouter's answer is OpenAI's chat completion with a few fields more: the upstream `provider`, each
 * choice's `native_finish_reason`, reasoning as `reasoning` (not `reasoning_content`) and its own `usage`.
 * These functions reshape the OpenAI chat surface's bodies and chunks, so the OpenAI encoding is written once.
 * @see https://openrouter.ai/docs/api-reference/overview
 * @module
 */
import type { ChatResult } from '../../canonical'
import { upstreamProvider } from './upstream-provider'
import { openrouterUsage } from './usage'

type Json = Record<string, any>

/** A non-streamed `chat.completion`. */
export function shapeCompletion(completion: Json, result: ChatResult, excludeReasoning: boolean): Json {
  const reasoning = excludeReasoning ? null : (result.reasoning ?? null)
  return {
    ...head(completion, result),
    choices: completion.choices.map((choice: Json) => {
      const { reasoning_content: _, ...message } = choice.message
      return {
        ...choice,
        native_finish_reason: nativeFinish(choice.finish_reason, result),
        message: { ...message, reasoning },
      }
    }),
    system_fingerprint: null,
    service_tier: null,
    usage: openrouterUsage(result),
  }
}

/** One `chat.completion.chunk`. */
export function shapeChunk(chunk: Json, result: ChatResult): Json {
  const { usage, ...rest } = chunk
  return {
    ...head(rest, result),
    choices: chunk.choices.map((choice: Json) => ({
      ...choice,
      delta: shapeDelta(choice.delta),
      native_finish_reason: nativeFinish(choice.finish_reason, result),
    })),
    system_fingerprint: null,
    // The OpenAI encoder puts `usage: null` on every chunk; OpenRouter sends usage once, on the last.
    ...(usage ? { usage: openrouterUsage(result) } : {}),
  }
}

/** `id` and `provider` first, as OpenRouter orders them. */
function head(body: Json, result: ChatResult): Json {
  const { id, ...rest } = body
  return { id, provider: upstreamProvider(result), ...rest }
}

/** OpenRouter names the role on every content delta, and reasoning `reasoning`. */
function shapeDelta(delta: Json): Json {
  const { reasoning_content: reasoning, ...rest } = delta
  if (reasoning !== undefined) return { role: 'assistant', ...rest, content: '', reasoning }
  if (typeof rest.content === 'string' && rest.role === undefined) return { role: 'assistant', ...rest }
  return rest
}

function nativeFinish(finishReason: string | null, result: ChatResult): string | null {
  return finishReason === null ? null : (result.nativeFinishReason ?? finishReason)
}
