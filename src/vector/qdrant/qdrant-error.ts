/**
 * Qdrant's error: `{status: {error}, time}` with the HTTP status of its kind ("Wrong input: …" 400,
 * "Not found: …" 404, "… already exists!" 409).
 * @module
 */
import { StandinError } from '../../errors'

export class QdrantError extends StandinError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('STANDIN_QDRANT_ERROR', message)
    this.name = 'QdrantError'
  }
}

/** A 400 "Wrong input" naming what is wrong. */
export function wrongInput(message: string): QdrantError {
  return new QdrantError(400, `Wrong input: ${message}`)
}

/** Qdrant's words for a body that does not deserialize to the request type. */
export function formatError(message: string): QdrantError {
  return new QdrantError(400, `Format error in JSON body: ${message}`)
}

export function collectionNotFound(name: string): QdrantError {
  return new QdrantError(404, `Not found: Collection \`${name}\` doesn't exist!`)
}
