/**
 * Reading one client message of a Live session (`BidiGenerateContentClientMessage`): a JSON object holding
 * exactly one of `setup`, `clientContent`, `realtimeInput`, `toolResponse` or `contextUpdate`. Anything
 * else is an INVALID_ARGUMENT, worded as Google's JSON parser words it.
 * @see https://ai.google.dev/api/live#bidigeneratecontentclientmessage
 * @module
 */
import { WireError } from '../../errors'
import { isObject, type Json } from '../wire/json-guards'
import { field } from './json-fields'

export type ClientMessage =
  | { kind: 'setup'; setup: unknown }
  | { kind: 'content'; turns: unknown[]; turnComplete: boolean }
  | { kind: 'realtime'; input: RealtimeInput }
  | { kind: 'tool-response'; responses: unknown[] }
  | { kind: 'context-update'; update: Json }

export interface RealtimeInput {
  text?: string
  /** Base64 audio (PCM16 at 16 kHz, as the API takes it) from `audio` or audio `mediaChunks`. */
  audio: string[]
  /** `audioStreamEnd` or `activityEnd`: what was said so far is a complete turn. */
  end: boolean
}

const FIELDS: Record<string, (value: unknown) => ClientMessage> = {
  setup: (setup) => ({ kind: 'setup', setup }),
  clientContent: clientContent,
  realtimeInput: (value) => ({ kind: 'realtime', input: realtimeInput(value) }),
  toolResponse: toolResponse,
  contextUpdate: (value) => ({ kind: 'context-update', update: object(value, 'contextUpdate') }),
}

export function readClientMessage(data: string | Uint8Array): ClientMessage {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalid(`Invalid JSON payload received. Unexpected token.`)
  }
  if (!isObject(parsed)) throw invalid('Invalid JSON payload received. Expected an object.')
  const names = Object.keys(parsed).map((name) =>
    name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  )
  const unknown = names.find((name) => !(name in FIELDS))
  if (unknown !== undefined) {
    throw invalid(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`)
  }
  if (names.length !== 1) {
    throw invalid(
      'Invalid argument: a client message holds exactly one of setup, clientContent, ' +
        'realtimeInput, toolResponse, contextUpdate.',
    )
  }
  const name = names[0]!
  return FIELDS[name]!(field(parsed, name))
}

function clientContent(value: unknown): ClientMessage {
  const content = object(value, 'clientContent')
  const turns = field(content, 'turns') ?? []
  if (!Array.isArray(turns)) throw invalid('* clientContent.turns: expected an array of Content objects')
  // Unset means false on the wire: the server waits for more content (the SDKs send true by default).
  return { kind: 'content', turns, turnComplete: field(content, 'turnComplete') === true }
}

function realtimeInput(value: unknown): RealtimeInput {
  const input = object(value, 'realtimeInput')
  const text = input.text
  if (text !== undefined && typeof text !== 'string') throw invalid('* realtimeInput.text: expected a string')
  const audio: string[] = []
  const blob = input.audio
  if (blob !== undefined) audio.push(blobData(blob, 'realtimeInput.audio'))
  const chunks = field(input, 'mediaChunks')
  if (chunks !== undefined) {
    if (!Array.isArray(chunks)) throw invalid('* realtimeInput.mediaChunks: expected an array of Blobs')
    chunks.forEach((chunk: unknown, i) => {
      const data = blobData(chunk, `realtimeInput.mediaChunks[${i}]`)
      if (String((chunk as Json).mimeType ?? (chunk as Json).mime_type).startsWith('audio/')) audio.push(data)
    })
  }
  const end = field(input, 'audioStreamEnd') === true || field(input, 'activityEnd') !== undefined
  return { ...(typeof text === 'string' ? { text } : {}), audio, end }
}

function toolResponse(value: unknown): ClientMessage {
  const response = object(value, 'toolResponse')
  const responses = field(response, 'functionResponses')
  if (!Array.isArray(responses) || responses.length === 0) {
    throw invalid('* toolResponse.functionResponses: functionResponses is not specified')
  }
  return { kind: 'tool-response', responses }
}

function blobData(blob: unknown, path: string): string {
  if (!isObject(blob) || typeof blob.data !== 'string') throw invalid(`* ${path}.data: expected base64 data`)
  return blob.data
}

function object(value: unknown, path: string): Json {
  if (isObject(value)) return value
  throw invalid(`* ${path}: expected an object`)
}

function invalid(message: string): WireError {
  return new WireError(400, message, { type: 'INVALID_ARGUMENT' })
}
