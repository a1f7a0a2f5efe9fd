/**
 * Stand-in speech: deterministic 16-bit little-endian mono PCM for a piece of text, for realtime APIs that
 * answer with audio (Gemini Live). The same text always gives the same bytes and its length grows with the
 * text (a soft tone per character), so clients that play, count or buffer audio get real samples to work on.
 * @module
 */

/** Milliseconds of audio per character of text. */
const MS_PER_CHAR = 10

export function speechPcm16(text: string, sampleRate = 24_000): Uint8Array {
  const perChar = Math.max(1, Math.round((sampleRate * MS_PER_CHAR) / 1000))
  const chars = [...text]
  const view = new DataView(new ArrayBuffer(chars.length * perChar * 2))
  chars.forEach((char, i) => {
    // 200-1000 Hz by character, a low amplitude so it is never loud if played.
    const frequency = 200 + (char.codePointAt(0)! % 80) * 10
    for (let n = 0; n < perChar; n++) {
      const sample = Math.round(2000 * Math.sin((2 * Math.PI * frequency * n) / sampleRate))
      view.setInt16((i * perChar + n) * 2, sample, true)
    }
  })
  return new Uint8Array(view.buffer)
}

/** {@link speechPcm16} as base64, as JSON wires carry audio. */
export function speechPcm16Base64(text: string, sampleRate = 24_000): string {
  return Buffer.from(speechPcm16(text, sampleRate)).toString('base64')
}
