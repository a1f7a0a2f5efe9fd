/**
 * The Realtime session object: what `session.created` shows, what `session.update` changes (validated, the
 * field named in the error) and what each response reads (instructions, tools, modalities, voice).
 * @module
 */
import { isObject, type Json } from '../../wire/json-guards'
import type { Dialect } from './dialect'
import { invalidType, invalidValue, missing, RealtimeProblem, unknownParameter } from './problem'

export const DEFAULT_MODEL = 'gpt-realtime'
const MODALITIES = ['text', 'audio'] as const
const PCM = { type: 'audio/pcm', rate: 24_000 }

/** The GA session's fields (`RealtimeSessionCreateRequest`), plus the read-only ones a client may echo back. */
const GA_FIELDS = new Set([
  'type',
  'audio',
  'include',
  'instructions',
  'max_output_tokens',
  'model',
  'output_modalities',
  'parallel_tool_calls',
  'prompt',
  'reasoning',
  'tool_choice',
  'tools',
  'tracing',
  'truncation',
  'id',
  'object',
  'expires_at',
])

export function defaultSession(dialect: Dialect, model: string, id: string, now: number): Json {
  if (dialect.beta) {
    return {
      id,
      object: 'realtime.session',
      model,
      modalities: ['text', 'audio'],
      instructions: '',
      voice: 'alloy',
      input_audio_format: 'pcm16',
      output_audio_format: 'pcm16',
      input_audio_transcription: null,
      turn_detection: null,
      tools: [],
      tool_choice: 'auto',
      temperature: 0.8,
      max_response_output_tokens: 'inf',
      speed: 1,
      tracing: null,
      expires_at: now + 3600,
    }
  }
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model,
    output_modalities: ['audio'],
    instructions: '',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    include: null,
    expires_at: now + 3600,
    audio: {
      input: { format: PCM, transcription: null, noise_reduction: null, turn_detection: null },
      output: { format: PCM, voice: 'alloy', speed: 1 },
    },
  }
}

/** The session after `session.update`: validated, then merged (GA's `audio.input`/`audio.output` field by field). */
export function updateSession(current: Json, update: unknown, dialect: Dialect): Json {
  if (update === undefined) throw missing('session')
  if (!isObject(update)) throw invalidType('session', 'an object', update)
  if (!dialect.beta) {
    for (const key of Object.keys(update)) if (!GA_FIELDS.has(key)) throw unknownParameter(`session.${key}`)
    if (update.type !== undefined && update.type !== 'realtime')
      throw new RealtimeProblem(
        `standin serves realtime sessions only, not '${String(update.type)}' (session.type).`,
        'invalid_value',
        'session.type',
      )
  }
  checkSessionFields(update, dialect, 'session')
  const next: Json = { ...current }
  for (const [key, value] of Object.entries(update)) {
    if (key === 'id' || key === 'object' || key === 'expires_at') continue
    next[key] = key === 'audio' && isObject(value) ? mergeAudio(current.audio, value) : value
  }
  return next
}

/** The fields a session and a `response.create` share: instructions, modalities, tools. */
export function checkSessionFields(fields: Json, dialect: Dialect, at: string): void {
  if (fields.instructions !== undefined && typeof fields.instructions !== 'string')
    throw invalidType(`${at}.instructions`, 'a string', fields.instructions)
  const modalities = fields[dialect.modalities]
  if (modalities !== undefined) {
    const param = `${at}.${dialect.modalities}`
    if (!Array.isArray(modalities)) throw invalidType(param, 'an array', modalities)
    for (const m of modalities)
      if (!(MODALITIES as readonly unknown[]).includes(m)) throw invalidValue(param, m, MODALITIES)
  }
  if (fields.tools !== undefined) checkTools(fields.tools, `${at}.tools`)
  if (fields.audio !== undefined && !isObject(fields.audio))
    throw invalidType(`${at}.audio`, 'an object', fields.audio)
}

function checkTools(tools: unknown, param: string): void {
  if (!Array.isArray(tools)) throw invalidType(param, 'an array', tools)
  tools.forEach((tool, i) => {
    if (!isObject(tool)) throw invalidType(`${param}[${i}]`, 'an object', tool)
    if (tool.type !== undefined && tool.type !== 'function' && tool.type !== 'mcp')
      throw invalidValue(`${param}[${i}].type`, tool.type, ['function', 'mcp'])
    if (tool.type !== 'mcp' && typeof tool.name !== 'string') throw missing(`${param}[${i}].name`)
  })
}

function mergeAudio(current: unknown, update: Json): Json {
  const base = isObject(current) ? current : {}
  const merged: Json = { ...base }
  for (const side of ['input', 'output'] as const) {
    const value = update[side]
    if (value === undefined) continue
    if (!isObject(value)) throw invalidType(`session.audio.${side}`, 'an object', value)
    merged[side] = { ...(isObject(base[side]) ? base[side] : {}), ...value }
  }
  return merged
}

/** The output modalities a response uses: the response's own, else the session's. */
export function outputModalities(session: Json, response: Json, dialect: Dialect): string[] {
  const own = response[dialect.modalities] ?? session[dialect.modalities]
  return Array.isArray(own) ? (own as string[]) : dialect.beta ? ['text', 'audio'] : ['audio']
}

/** True when the session transcribes input audio (its transcription events are then sent). */
export function transcribesInput(session: Json, dialect: Dialect): boolean {
  if (dialect.beta) return isObject(session.input_audio_transcription)
  const audio = isObject(session.audio) ? session.audio : {}
  const input = isObject(audio.input) ? audio.input : {}
  return isObject(input.transcription)
}
