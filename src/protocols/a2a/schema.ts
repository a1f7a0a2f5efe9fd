/**
 * A2A definitions as zod schemas: the validation of `registerAgent()`, `onMessage()` and friends and of the
 * config file's `a2a` section. Definitions are strict, so a typo fails instead of being ignored; parts are
 * read in v1.0's spelling (`{text}`) or v0.3's (`{kind: 'text', text}`) and text may stand for one part.
 * @see https://a2a-protocol.org/v1.0.0/specification/#441-agentcard
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'
import { fixtureSchemas } from '../../fixtures/schema'
import type { A2aPart } from './model'
import { A2A_TASK_STATES, endsStream, parseTaskState } from './task-state'

export const a2aSchemas = lazySchemas((z) => {
  const jsonObject = z.record(z.string(), z.unknown())

  const CONTENTS = ['text', 'url', 'raw', 'data', 'file'] as const

  const partShape = {
    kind: z.enum(['text', 'file', 'data']).describe('v0.3 spelling (optional).').optional(),
    text: z.string().optional(),
    url: z.string().describe('A file by URL.').optional(),
    raw: z.string().describe('A file as base64 bytes.').optional(),
    data: z.unknown().describe('Structured data (any JSON).').optional(),
    file: z
      .strictObject({
        uri: z.string().optional(),
        bytes: z.string().optional(),
        mimeType: z.string().optional(),
        name: z.string().optional(),
      })
      .describe('v0.3 spelling of a file: {uri} or {bytes}.')
      .optional(),
    mediaType: z.string().optional(),
    filename: z.string().optional(),
    metadata: jsonObject.optional(),
  }
  type PartInput = z.output<z.ZodObject<typeof partShape>>

  function checkPart(part: PartInput, ctx: z.RefinementCtx): void {
    const present = CONTENTS.filter((key) => part[key] !== undefined)
    if (present.length !== 1) {
      const found = present.length === 0 ? 'none' : present.map((k) => `"${k}"`).join(' and ')
      ctx.addIssue({
        code: 'custom',
        message: `expected one content: "text", "url", "raw" or "data" (v0.3: "file"); found ${found}`,
      })
      return
    }
    const content = present[0]!
    if (part.kind && part.kind !== (content === 'url' || content === 'raw' ? 'file' : content)) {
      ctx.addIssue({ code: 'custom', message: `kind "${part.kind}" does not fit a "${content}" part` })
    }
    if (part.file && (part.file.uri === undefined) === (part.file.bytes === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'expected "uri" or "bytes"' })
    }
  }

  /** One part in standin's spelling (v1.0's JSON form). */
  function toPart(part: PartInput): A2aPart {
    const { file, kind: _kind, text, url, raw, data, mediaType, filename, metadata } = part
    const fields = {
      ...((mediaType ?? file?.mimeType) !== undefined && { mediaType: mediaType ?? file?.mimeType }),
      ...((filename ?? file?.name) !== undefined && { filename: filename ?? file?.name }),
      ...(metadata !== undefined && { metadata }),
    }
    if (file) return file.uri !== undefined ? { url: file.uri, ...fields } : { raw: file.bytes!, ...fields }
    if (text !== undefined) return { text, ...fields }
    if (url !== undefined) return { url, ...fields }
    if (raw !== undefined) return { raw, ...fields }
    return { data, ...fields }
  }

  /** A part in a definition: unknown fields are refused. */
  const partSchema = z.strictObject(partShape).superRefine(checkPart).transform(toPart)
  /** A part a client sent: fields of newer protocol versions are dropped rather than refused. */
  const clientPartSchema = z.object(partShape).superRefine(checkPart).transform(toPart)

  /** Parts, or text standing for one text part. */
  const partsSchema = z
    .union([z.string(), z.array(partSchema).min(1, 'expected at least one part')])
    .transform((value) => (typeof value === 'string' ? [{ text: value }] : value))

  const taskStateSchema = z
    .string()
    .transform((name, ctx) => {
      const state = parseTaskState(name)
      if (state) return state
      ctx.addIssue({
        code: 'custom',
        message: `unknown task state "${name}" (states: ${A2A_TASK_STATES.join(', ')}; TASK_STATE_WORKING spellings too)`,
      })
      return z.NEVER
    })
    .describe('A task state: "working" or "TASK_STATE_WORKING".')

  const artifactSchema = z.strictObject({
    artifactId: z.string().min(1).optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    parts: partsSchema,
    metadata: jsonObject.optional(),
  })

  /** Artifacts, or text standing for one artifact of one text part. */
  const artifactsSchema = z
    .union([z.string(), z.array(artifactSchema)])
    .transform((value) => (typeof value === 'string' ? [{ parts: [{ text: value }] }] : value))

  const statusEvent = z.strictObject({
    type: z.literal('status'),
    state: taskStateSchema,
    message: partsSchema
      .describe("The agent's words with the status (e.g. the question it waits on).")
      .optional(),
  })

  const artifactEvent = z.strictObject({
    type: z.literal('artifact'),
    parts: partsSchema,
    name: z.string().describe('Events with the same name update one artifact.').optional(),
    description: z.string().optional(),
    artifactId: z.string().min(1).optional(),
    append: z.boolean().describe('Add the parts to the artifact instead of replacing them.').optional(),
    lastChunk: z.boolean().optional(),
    metadata: jsonObject.optional(),
  })

  const streamEventSchema = z.discriminatedUnion('type', [statusEvent, artifactEvent])

  /** Events in order; a state that ends the task (or waits for the client) must come last. */
  const streamEventsSchema = z.array(streamEventSchema).superRefine((events, ctx) => {
    events.forEach((event, index) => {
      if (event.type !== 'status' || index === events.length - 1 || !endsStream(event.state)) return
      ctx.addIssue({
        code: 'custom',
        path: [index, 'state'],
        message: `"${event.state}" ends the task's stream, so it must be the last event`,
      })
    })
  })

  const patternSchema = z
    .union([z.string(), fixtureSchemas().regexObject])
    .describe('Substring of (or {"regex": ...} on) the text parts of the message.')

  const skillSchema = z.strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    examples: z.array(z.string()).optional(),
    inputModes: z.array(z.string()).optional(),
    outputModes: z.array(z.string()).optional(),
  })

  const agentShape = {
    name: z.string().min(1, 'expected a non-empty agent name'),
    description: z.string().optional(),
    version: z.string().optional(),
    skills: z.array(skillSchema).optional(),
    capabilities: z
      .strictObject({
        streaming: z.boolean().describe('Offer message/stream and resubscription (default true).').optional(),
      })
      .optional(),
    provider: z.strictObject({ organization: z.string(), url: z.string() }).optional(),
    documentationUrl: z.string().optional(),
    iconUrl: z.string().optional(),
    defaultInputModes: z.array(z.string()).describe('Default ["text/plain"].').optional(),
    defaultOutputModes: z.array(z.string()).describe('Default ["text/plain"].').optional(),
  }

  const agentSchema = z.strictObject(agentShape)

  const delayMs = z.number().int().nonnegative().describe('Milliseconds before each event (default 0).')

  /** An agent with its fixtures: the config file's `a2a.agents[]` and `createA2aServer({ agents })`. */
  const agentConfigSchema = z.strictObject({
    ...agentShape,
    messages: z
      .array(z.strictObject({ pattern: patternSchema, parts: partsSchema }))
      .describe('Answered with an agent message.')
      .optional(),
    tasks: z
      .array(z.strictObject({ pattern: patternSchema, artifacts: artifactsSchema }))
      .describe('Answered with a completed task holding these artifacts.')
      .optional(),
    streamingTasks: z
      .array(
        z.strictObject({ pattern: patternSchema, events: streamEventsSchema, delayMs: delayMs.optional() }),
      )
      .describe('Answered with a task that plays these status and artifact events.')
      .optional(),
  })

  return {
    jsonObject,
    CONTENTS,
    partShape,
    partSchema,
    clientPartSchema,
    partsSchema,
    taskStateSchema,
    artifactSchema,
    artifactsSchema,
    statusEvent,
    artifactEvent,
    streamEventSchema,
    streamEventsSchema,
    patternSchema,
    skillSchema,
    agentShape,
    agentSchema,
    delayMs,
    agentConfigSchema,
  }
})

type A2aSchemas = ReturnType<typeof a2aSchemas>

export type A2aAgentConfig = z.input<A2aSchemas['agentConfigSchema']>
export type A2aAgentDefinition = z.input<A2aSchemas['agentSchema']>
export type A2aSkill = z.input<A2aSchemas['skillSchema']>
export type A2aAgentDefinitionParsed = z.output<A2aSchemas['agentSchema']>
/** A part as fixtures may write it: v1.0's spelling or v0.3's. */
export type A2aPartInput = z.input<A2aSchemas['partSchema']>
/** An artifact as `onTask()` takes it: the id is made up when absent. */
export type A2aArtifactInput = z.input<A2aSchemas['artifactSchema']>
/**
 * A step of a streaming task: a status change, or an artifact (chunk).
 * @example { type: 'artifact', name: 'report', parts: [{ text: 'part one' }], append: true }
 */
export type A2aStreamEvent = z.input<A2aSchemas['streamEventSchema']>
export type A2aStreamEventParsed = z.output<A2aSchemas['streamEventSchema']>
