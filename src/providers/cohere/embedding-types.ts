/**
 * Cohere's embedding types: the same vectors as floats, or compressed. Quantisation scales each vector by
 * its largest component so the integer forms keep its shape; binary forms pack one sign bit per dimension,
 * eight to a byte (`binary` offset by 128 to fit int8).
 * @see https://docs.cohere.com/reference/embed#request.body.embedding_types
 * @see https://docs.cohere.com/docs/embeddings#compression-levels
 * @module
 */

export const EMBEDDING_TYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64'] as const
export type EmbeddingType = (typeof EMBEDDING_TYPES)[number]

const ENCODERS: Record<EmbeddingType, (vector: number[]) => number[] | string> = {
  float: (vector) => vector,
  // Rounding half away from zero keeps the int8 form symmetric (Math.round alone rounds -63.5 up).
  int8: (vector) => scaled(vector).map((v) => Math.sign(v) * Math.round(Math.abs(v) * 127)),
  uint8: (vector) => scaled(vector).map((v) => Math.round(v * 127.5 + 127.5)),
  binary: (vector) => packedSigns(vector).map((byte) => byte - 128),
  ubinary: (vector) => packedSigns(vector),
  base64: (vector) => {
    const floats = new Float32Array(vector)
    return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64')
  },
}

/** `{float: [[...]], int8: [[...]], ...}`: every requested type, one entry per input. */
export function embeddingsByType(vectors: number[][], types: EmbeddingType[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const type of types) out[type] = vectors.map(ENCODERS[type])
  return out
}

function scaled(vector: number[]): number[] {
  let max = 0
  for (const v of vector) max = Math.max(max, Math.abs(v))
  return max === 0 ? vector : vector.map((v) => v / max)
}

function packedSigns(vector: number[]): number[] {
  const bytes = new Array<number>(Math.ceil(vector.length / 8)).fill(0)
  vector.forEach((v, i) => {
    if (v > 0) bytes[i >> 3]! |= 0x80 >> (i & 7)
  })
  return bytes
}
