/**
 * A model turn as Live server messages (`BidiGenerateContentServerMessage`), one canonical stream event at
 * a time: `serverContent.modelTurn` parts as the text is cut (spoken as PCM16 `inlineData` when the session
 * answers in AUDIO, with `outputTranscription` when asked for), then either a `toolCall` holding the
 * function calls, or `generationComplete` and `turnComplete`. `usageMetadata` rides on the message that
 * ends the turn. Vertex AI names the output count `candidatesTokenCount`, the Gemini API
 * `responseTokenCount`.
 * @see https://ai.google.dev/api/live#bidigeneratecontentservermessage
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { Json } from '../wire/json-guards'
import { functionCallPart } from './encode-response'
import type { LiveSetup } from './live-setup'

/** The Live API's output audio: 16-bit little-endian PCM, mono, 24 kHz. */
export const OUTPUT_AUDIO_MIME = 'audio/pcm;rate=24000'

export type UsageNames = 'gemini' | 'vertex'

export interface LiveOutputOptions {
  setup: LiveSetup
  usage: UsageNames
  /** Base64 PCM16 standing for `text` spoken. */
  speak(text: string): string
}

/** The messages for one event; the function calls of a turn are held until its end and sent together. */
export class LiveOutput {
  readonly #options: LiveOutputOptions
  readonly #calls: Json[] = []

  constructor(options: LiveOutputOptions) {
    this.#options = options
  }

  messages(event: StreamEvent): Json[] {
    const { setup } = this.#options
    switch (event.type) {
      case 'reasoning-delta':
        return setup.audio ? [] : [modelTurn([{ text: event.text, thought: true }])]
      case 'text-delta':
        return setup.audio ? this.#spoken(event.text) : [modelTurn([{ text: event.text }])]
      case 'tool-call-end':
        this.#calls.push(functionCallPart(event).functionCall as Json)
        return []
      case 'finish':
        return this.#finish(event.result)
      default:
        return []
    }
  }

  #spoken(text: string): Json[] {
    const audio = modelTurn([
      { inlineData: { mimeType: OUTPUT_AUDIO_MIME, data: this.#options.speak(text) } },
    ])
    if (!this.#options.setup.outputTranscription) return [audio]
    return [audio, { serverContent: { outputTranscription: { text } } }]
  }

  /** A turn that calls functions waits for the client's `toolResponse`; any other turn is complete. */
  #finish(result: ChatResult): Json[] {
    const usageMetadata = usage(result, this.#options)
    if (this.#calls.length > 0) return [{ toolCall: { functionCalls: this.#calls }, usageMetadata }]
    return [
      { serverContent: { generationComplete: true } },
      { serverContent: { turnComplete: true }, usageMetadata },
    ]
  }
}

function modelTurn(parts: Json[]): Json {
  return { serverContent: { modelTurn: { parts } } }
}

function usage(result: ChatResult, { setup, usage: names }: LiveOutputOptions): Json {
  const { inputTokens, outputTokens, reasoningTokens } = result.usage
  const thoughts = Math.min(reasoningTokens, outputTokens)
  const response = outputTokens - thoughts
  const modality = setup.audio ? 'AUDIO' : 'TEXT'
  const [count, details] =
    names === 'vertex'
      ? ['candidatesTokenCount', 'candidatesTokensDetails']
      : ['responseTokenCount', 'responseTokensDetails']
  return {
    promptTokenCount: inputTokens,
    [count]: response,
    totalTokenCount: inputTokens + outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
    [details]: [{ modality, tokenCount: response }],
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  }
}
