/**
 * The AWS event stream encoding (`application/vnd.amazon.eventstream`): each message is a prelude (total
 * length, headers length, prelude CRC32), headers, payload and a message CRC32, all big-endian. Used by
 * Bedrock's invoke-with-response-stream and converse-stream.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html (message format)
 * @module
 */
import { lazyRequire } from '../core/lazy-require'

// Loaded by the first Bedrock stream: node:zlib costs a few ms at import.
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')
const crc32 = (data: Uint8Array): number => zlib().crc32(data)

export interface EventStreamMessage {
  /** String headers, e.g. `:event-type`, `:content-type`, `:message-type`. */
  headers: Record<string, string>
  payload: Uint8Array | string
}

const STRING_HEADER = 7

export function encodeEventStreamMessage(message: EventStreamMessage): Uint8Array {
  const headers = encodeHeaders(message.headers)
  const payload =
    typeof message.payload === 'string' ? Buffer.from(message.payload) : Buffer.from(message.payload)
  const total = 12 + headers.length + payload.length + 4
  const out = Buffer.alloc(total)
  out.writeUInt32BE(total, 0)
  out.writeUInt32BE(headers.length, 4)
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8)
  headers.copy(out, 12)
  payload.copy(out, 12 + headers.length)
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4)
  return out
}

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name)
    const valueBytes = Buffer.from(value)
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length)
    part.writeUInt8(nameBytes.length, 0)
    nameBytes.copy(part, 1)
    part.writeUInt8(STRING_HEADER, 1 + nameBytes.length)
    part.writeUInt16BE(valueBytes.length, 2 + nameBytes.length)
    valueBytes.copy(part, 4 + nameBytes.length)
    parts.push(part)
  }
  return Buffer.concat(parts)
}

/** Decodes messages (for tests and record mode): throws on a CRC mismatch. */
export function decodeEventStream(bytes: Uint8Array): EventStreamMessage[] {
  const buffer = Buffer.from(bytes)
  const messages: EventStreamMessage[] = []
  let offset = 0
  while (offset + 16 <= buffer.length) {
    const total = buffer.readUInt32BE(offset)
    const headersLength = buffer.readUInt32BE(offset + 4)
    const message = buffer.subarray(offset, offset + total)
    if (crc32(message.subarray(0, 8)) !== message.readUInt32BE(8))
      throw new Error('event stream prelude CRC mismatch')
    if (crc32(message.subarray(0, total - 4)) !== message.readUInt32BE(total - 4))
      throw new Error('event stream message CRC mismatch')
    const headers: Record<string, string> = {}
    let h = 12
    while (h < 12 + headersLength) {
      const nameLength = message.readUInt8(h)
      const name = message.subarray(h + 1, h + 1 + nameLength).toString()
      const valueLength = message.readUInt16BE(h + 2 + nameLength)
      headers[name] = message.subarray(h + 4 + nameLength, h + 4 + nameLength + valueLength).toString()
      h += 4 + nameLength + valueLength
    }
    messages.push({ headers, payload: message.subarray(12 + headersLength, total - 4) })
    offset += total
  }
  return messages
}
