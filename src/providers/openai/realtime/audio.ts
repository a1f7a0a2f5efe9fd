/**
 * Realtime audio as the mock speaks and hears it. Output audio is PCM16 (signed 16-bit little-endian, mono,
 * 24 kHz, the API's default `audio/pcm` format): a quiet 440 Hz tone whose length follows the transcript,
 * {@link BYTES_PER_CHARACTER} bytes (10 ms) per character, so a test can check its length. Input audio
 * cannot be transcribed by a mock: audio made by {@link spokenAudio} carries its words as a label the mock
 * reads back as the transcript; any other audio has an empty transcript.
 * @see ../../../../docs/websocket.md
 * @module
 */

export const SAMPLE_RATE = 24_000
/** 10 ms of PCM16 at 24 kHz: 240 samples of 2 bytes. */
export const BYTES_PER_CHARACTER = 480

const LABEL = 'STANDIN-SPEECH:'
const LABEL_END = 0x0a
/** The tone's amplitude (of 32767): quiet, so an app that plays it does not blare. */
const AMPLITUDE = 2000
const FREQUENCY = 440

/** PCM16 for `characters` characters of transcript, continuing the tone from sample `offset`. */
export function tone(characters: number, offset = 0): Buffer {
  const samples = (characters * BYTES_PER_CHARACTER) / 2
  const out = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    const t = (offset + i) / SAMPLE_RATE
    out.writeInt16LE(Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * t)), i * 2)
  }
  return out
}

/**
 * Base64 audio that "says" `text` to standin's OpenAI Realtime mock: append it with
 * `input_audio_buffer.append` (or send it as an `input_audio` part) and the committed user item's
 * transcript, which fixtures match with `userMessage`, is `text`. It is PCM16: the label, then 100 ms of
 * silence (the API's minimum commit), so clients that measure or play it see ordinary audio.
 * @example rt.send({ type: 'input_audio_buffer.append', audio: spokenAudio('what is the weather?') })
 */
export function spokenAudio(text: string): string {
  const label = Buffer.from(`${LABEL}${text}\n`, 'utf8')
  const padded = label.length % 2 === 0 ? label : Buffer.concat([label, Buffer.from([0])])
  return Buffer.concat([padded, Buffer.alloc((SAMPLE_RATE / 10) * 2)]).toString('base64')
}

/**
 * The words audio carries (every {@link spokenAudio} label in it, joined by spaces), or undefined for audio
 * with none. Labels are found in the whole buffer, so audio appended in small chunks still reads back.
 */
export function spokenText(audio: Buffer): string | undefined {
  const words: string[] = []
  for (let at = audio.indexOf(LABEL, 0, 'latin1'); at !== -1; at = audio.indexOf(LABEL, at, 'latin1')) {
    const from = at + LABEL.length
    const end = audio.indexOf(LABEL_END, from)
    words.push(audio.subarray(from, end === -1 ? audio.length : end).toString('utf8'))
    at = end === -1 ? audio.length : end
  }
  return words.length === 0 ? undefined : words.join(' ')
}

/** True when `value` is standard base64 (what `audio` fields carry). */
export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value)
}
