import {
  ApiError,
  FinishReason as GeminiFinish,
  GoogleGenAI,
  type Content,
  type FunctionCall,
} from '@google/genai'
import { WEATHER_TOOL, type ClientFactory, type ConformanceClient, type FinishReason } from '../client'

const model = 'gemini-2.5-flash'
const { name, description, parameters } = WEATHER_TOOL
const config = {
  tools: [{ functionDeclarations: [{ name, description, parametersJsonSchema: parameters }] }],
}
const FINISH: Partial<Record<string, FinishReason>> = {
  [GeminiFinish.STOP]: 'stop',
  [GeminiFinish.MAX_TOKENS]: 'length',
  [GeminiFinish.SAFETY]: 'content_filter',
}

/** @google/genai left on its default API version (v1beta), pointed at the mock by `httpOptions.baseUrl`. */
export const gemini: ClientFactory = (baseUrl) =>
  adapter('gemini (@google/genai)', new GoogleGenAI({ apiKey: 'test', httpOptions: { baseUrl } }))

/**
 * @google/genai on Vertex AI (default version v1beta1, project and location in the path). An API key in
 * `googleAuthOptions` spares google-auth-library from looking for Application Default Credentials, and the
 * project id from searching gcloud's config and the GCE metadata server.
 */
export const vertexGemini: ClientFactory = (baseUrl) =>
  adapter(
    'vertex gemini (@google/genai)',
    new GoogleGenAI({
      vertexai: true,
      project: 'test-project',
      location: 'us-central1',
      httpOptions: { baseUrl },
      googleAuthOptions: { apiKey: 'test', projectId: 'test-project' },
    }),
  )

function adapter(name: string, ai: GoogleGenAI): ConformanceClient {
  // Gemini reports function calls with finish reason STOP; the canonical reason for a turn of calls is tool_calls.
  const finish = (reason: string | undefined, calls: FunctionCall[] | undefined): FinishReason | undefined =>
    calls?.length && reason === GeminiFinish.STOP ? 'tool_calls' : FINISH[reason ?? '']
  return {
    name,
    async text(prompt) {
      const r = await ai.models.generateContent({ model, contents: prompt })
      return {
        text: r.text ?? '',
        finishReason: finish(r.candidates?.[0]?.finishReason, r.functionCalls),
        usage: { input: r.usageMetadata!.promptTokenCount!, output: r.usageMetadata!.candidatesTokenCount! },
      }
    },
    async streamText(prompt) {
      let text = ''
      let chunks = 0
      let finishReason: FinishReason | undefined
      for await (const chunk of await ai.models.generateContentStream({ model, contents: prompt })) {
        if (chunk.text) {
          text += chunk.text
          chunks++
        }
        finishReason = finish(chunk.candidates?.[0]?.finishReason, chunk.functionCalls) ?? finishReason
      }
      return { text, chunks, finishReason }
    },
    async toolCall(prompt, { stream }) {
      let calls: FunctionCall[] = []
      if (stream) {
        for await (const chunk of await ai.models.generateContentStream({
          model,
          contents: prompt,
          config,
        })) {
          calls.push(...(chunk.functionCalls ?? []))
        }
      } else {
        calls = (await ai.models.generateContent({ model, contents: prompt, config })).functionCalls ?? []
      }
      const call = calls[0]!
      return { name: call.name!, args: call.args, id: call.id! }
    },
    async toolResult(prompt, call, result) {
      const contents: Content[] = [
        { role: 'user', parts: [{ text: prompt }] },
        {
          role: 'model',
          parts: [
            { functionCall: { id: call.id, name: call.name, args: call.args as Record<string, unknown> } },
          ],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: result } } }],
        },
      ]
      const r = await ai.models.generateContent({ model, contents, config })
      return { text: r.text ?? '', finishReason: finish(r.candidates?.[0]?.finishReason, r.functionCalls) }
    },
    async error(prompt) {
      try {
        await ai.models.generateContent({ model, contents: prompt })
      } catch (error) {
        return {
          status: (error as { status?: number }).status,
          message: (error as Error).message,
          typed: error instanceof ApiError,
        }
      }
      throw new Error('expected an error')
    },
  }
}
