/**
 * The two Realtime protocols the SDKs speak: GA (`openai/realtime/*`) and the beta (`openai/beta/realtime/*`,
 * which sends `OpenAI-Beta: realtime=v1`, or the `openai-beta.realtime-v1` subprotocol from a browser). They
 * share their flow and differ in a few names and session fields, which live here.
 * @module
 */
import type { WsConnection } from '../../../websocket/surface'

export interface Dialect {
  beta: boolean
  textDelta: string
  textDone: string
  transcriptDelta: string
  transcriptDone: string
  audioDelta: string
  audioDone: string
  /** The assistant item's content types: text and audio. */
  textContent: string
  audioContent: string
  /** Where the session and a response name their output modalities. */
  modalities: 'output_modalities' | 'modalities'
}

const GA: Dialect = {
  beta: false,
  textDelta: 'response.output_text.delta',
  textDone: 'response.output_text.done',
  transcriptDelta: 'response.output_audio_transcript.delta',
  transcriptDone: 'response.output_audio_transcript.done',
  audioDelta: 'response.output_audio.delta',
  audioDone: 'response.output_audio.done',
  textContent: 'output_text',
  audioContent: 'output_audio',
  modalities: 'output_modalities',
}

const BETA: Dialect = {
  beta: true,
  textDelta: 'response.text.delta',
  textDone: 'response.text.done',
  transcriptDelta: 'response.audio_transcript.delta',
  transcriptDone: 'response.audio_transcript.done',
  audioDelta: 'response.audio.delta',
  audioDone: 'response.audio.done',
  textContent: 'text',
  audioContent: 'audio',
  modalities: 'modalities',
}

export const BETA_PROTOCOL = 'openai-beta.realtime-v1'

export function dialectOf(connection: Pick<WsConnection, 'headers' | 'protocols'>): Dialect {
  const header = connection.headers.get('openai-beta') ?? ''
  return /realtime=v1/.test(header) || connection.protocols.includes(BETA_PROTOCOL) ? BETA : GA
}
