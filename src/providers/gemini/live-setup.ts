/**
 * The `setup` message that opens a Live session (`BidiGenerateContentSetup`): the model, the generation
 * config (the response modalities among it), the system instruction, the tools and which transcriptions
 * the client wants. Its request fields are the ones a `GenerateContentRequest` has, so they are checked
 * by the same decoder, once, when the session opens.
 * @see https://ai.google.dev/api/live#bidigeneratecontentsetup
 * @module
 */
import { WireError } from '../../errors'
import { isObject, type Json } from '../wire/json-guards'
import { decodeGenerateContentRequest } from './decode-request'
import { field, invalidArgument } from './json-fields'

export const SETUP_MESSAGE = 'BidiGenerateContentSetup'

export interface LiveSetup {
  /** The canonical model name: `gemini-live-2.5-flash`, without `models/` or a Vertex resource path. */
  model: string
  /** The setup's request fields, sent again with every turn's contents: systemInstruction, tools, config. */
  request: Json
  /** `responseModalities` includes AUDIO (the Live API's default): answers are spoken, as PCM16. */
  audio: boolean
  /** `outputAudioTranscription` was set: spoken answers also come as text. */
  outputTranscription: boolean
  /** `inputAudioTranscription` was set: what the client said is sent back as text. */
  inputTranscription: boolean
  /** `sessionResumption` was set: the session is sent handles, and resumes the one it names, if any. */
  resumption: { handle?: string } | undefined
}

export function decodeSetup(raw: unknown): LiveSetup {
  if (!isObject(raw)) throw invalidArgument(SETUP_MESSAGE, 'setup', 'expected a setup object')
  const model = modelName(raw.model)
  const generationConfig = field(raw, 'generationConfig')
  const request: Json = {
    ...optional('systemInstruction', field(raw, 'systemInstruction')),
    ...optional('tools', raw.tools),
    ...optional('generationConfig', generationConfig),
  }
  // The request fields fail as they would in generateContent; the contents are the turns', checked per turn.
  decodeGenerateContentRequest(
    { ...request, contents: [{ role: 'user', parts: [{ text: '' }] }] },
    { model, stream: true, message: SETUP_MESSAGE },
  )
  return {
    model,
    request,
    audio: responseModalities(generationConfig).includes('AUDIO'),
    outputTranscription: field(raw, 'outputAudioTranscription') !== undefined,
    inputTranscription: field(raw, 'inputAudioTranscription') !== undefined,
    resumption: resumption(field(raw, 'sessionResumption')),
  }
}

function resumption(raw: unknown): LiveSetup['resumption'] {
  if (raw === undefined || raw === null) return undefined
  if (!isObject(raw)) throw invalidArgument(SETUP_MESSAGE, 'sessionResumption', 'expected an object')
  const handle = raw.handle
  if (handle === undefined || handle === null || handle === '') return {}
  if (typeof handle !== 'string')
    throw invalidArgument(SETUP_MESSAGE, 'sessionResumption.handle', 'expected a string')
  return { handle }
}

/**
 * `models/{model}` on the Gemini API; `projects/{p}/locations/{l}/publishers/google/models/{model}` or
 * `publishers/google/models/{model}` on Vertex AI. A bare name is taken as it is.
 */
function modelName(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') {
    throw invalidArgument(SETUP_MESSAGE, 'model', 'model is not specified')
  }
  const at = raw.lastIndexOf('models/')
  const name = at >= 0 ? raw.slice(at + 'models/'.length) : raw
  if (name === '') throw invalidArgument(SETUP_MESSAGE, 'model', `unexpected model name format: ${raw}`)
  return name
}

/** The Live API answers in AUDIO unless the setup asks for TEXT. */
function responseModalities(config: unknown): string[] {
  const raw = isObject(config) ? field(config, 'responseModalities') : undefined
  if (raw === undefined || raw === null) return ['AUDIO']
  if (!Array.isArray(raw) || raw.some((modality) => typeof modality !== 'string')) {
    throw new WireError(
      400,
      `* ${SETUP_MESSAGE}.generationConfig.responseModalities: expected an array of modality names`,
      { param: 'generationConfig.responseModalities', type: 'INVALID_ARGUMENT' },
    )
  }
  return raw.map((modality: string) => modality.toUpperCase())
}

function optional(name: string, value: unknown): Json {
  return value === undefined || value === null ? {} : { [name]: value }
}
