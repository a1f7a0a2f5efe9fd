/**
 * Cuts text into chunks of `size` characters counted in code points, so a chunk never splits an emoji or
 * any other surrogate pair.
 * @module
 */
export function chunkText(text: string, size: number): string[] {
  if (text.length <= size) return text === '' ? [] : [text]
  const chunks: string[] = []
  let current = ''
  let count = 0
  for (const char of text) {
    current += char
    if (++count === size) {
      chunks.push(current)
      current = ''
      count = 0
    }
  }
  if (current) chunks.push(current)
  return chunks
}
