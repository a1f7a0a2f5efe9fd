/**
 * A fixture's events as the steps of one task: each artifact event gets the id of the artifact it updates
 * (events with the same `name` update one artifact; an `append` without a name extends the last one).
 * @module
 */
import type { A2aArtifact, A2aPart } from './model'
import type { A2aStreamEventParsed } from './schema'
import type { A2aTaskState } from './task-state'

export type TaskStep =
  | { type: 'status'; state: A2aTaskState; message?: A2aPart[] }
  | { type: 'artifact'; artifact: A2aArtifact; append: boolean; lastChunk: boolean }

export function planSteps(events: A2aStreamEventParsed[], newId: (prefix: string) => string): TaskStep[] {
  const byName = new Map<string, string>()
  let last: string | undefined
  return events.map((event): TaskStep => {
    if (event.type === 'status') {
      return { type: 'status', state: event.state, ...(event.message && { message: event.message }) }
    }
    const { name, description, metadata, parts } = event
    const named = name === undefined ? undefined : byName.get(name)
    const artifactId = event.artifactId ?? named ?? (event.append ? last : undefined) ?? newId('artifact_')
    if (name !== undefined) byName.set(name, artifactId)
    last = artifactId
    const artifact: A2aArtifact = {
      artifactId,
      ...(name !== undefined && { name }),
      ...(description !== undefined && { description }),
      parts,
      ...(metadata && { metadata }),
    }
    return { type: 'artifact', artifact, append: event.append ?? false, lastChunk: event.lastChunk ?? false }
  })
}
