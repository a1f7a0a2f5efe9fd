/**
 * The AG-UI fixture schema (zod): the config file's `agui.fixtures` entries, and the response half of every
 * fixture added in code. It accepts the peer's format (`{match: {message, toolCallId, toolName, stateKey},
 * text | events, delayMs}`) plus tool calls, state snapshots and deltas, and errors.
 * @module
 */
import type { z } from 'zod'
import { lazySchemas, zod } from '../../core/zod'
import type { FixtureIssue } from '../../errors'
import { jsonPath, toFixtureIssues } from '../../fixtures/issues'
import { fixtureSchemas } from '../../fixtures/schema'
import { AGUI_EVENT_TYPES } from './events'

/** A substring, or `{"regex": "...", "flags": "i"}`: the LLM fixtures' `userMessage` pattern. */
export const aguiSchemas = lazySchemas((z) => {
  const pattern = fixtureSchemas().matchSchema.shape.userMessage.unwrap()

  const aguiMatchSchema = z
    .strictObject({
      message: pattern.describe('Substring of (or regex on) the text of the last user message.').optional(),
      toolCallId: z
        .string()
        .describe('The last message is the result of the tool call with this id.')
        .optional(),
      toolName: z.string().describe('The run offers (in `tools`) a tool with this exact name.').optional(),
      stateKey: z.string().describe("The run's `state` is an object with this top-level key.").optional(),
    })
    .describe('Every field given must hold (AND). An empty match answers every run.')

  const toolCallSchema = z
    .strictObject({
      name: z.string().min(1),
      arguments: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .describe('A JSON string or an object, streamed as TOOL_CALL_ARGS deltas (default "{}").')
        .optional(),
      id: z.string().min(1).describe('The toolCallId (default: a generated "call_" id).').optional(),
      result: z
        .string()
        .describe('The tool ran on the agent side: sent as a TOOL_CALL_RESULT after TOOL_CALL_END.')
        .optional(),
    })
    .describe('A tool call: TOOL_CALL_START, TOOL_CALL_ARGS deltas, TOOL_CALL_END.')

  const eventSchema = z
    .looseObject({ type: z.enum(AGUI_EVENT_TYPES) })
    .describe('An AG-UI event with the fields the protocol defines for its type.')

  const patchOperationSchema = z.looseObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: z.string().regex(/^(\/([^/~]|~[01])*)*$/, 'expected a JSON Pointer such as "/todos/0"'),
  })

  /** What a run answers: text, tool calls, state, an error, or a raw list of events. */
  const aguiResponseShape = {
    text: z.string().describe('An assistant message, chunked into TEXT_MESSAGE_CONTENT deltas.').optional(),
    toolCalls: z.array(toolCallSchema).min(1, 'expected at least one tool call').optional(),
    stateSnapshot: z.unknown().describe('Sent as STATE_SNAPSHOT: replaces the agent state.').optional(),
    stateDelta: z
      .array(patchOperationSchema)
      .describe('A JSON Patch (RFC 6902) sent as STATE_DELTA.')
      .optional(),
    error: z
      .strictObject({ message: z.string().min(1), code: z.string().optional() })
      .describe('Ends the run with RUN_ERROR (after any text and tool calls) instead of RUN_FINISHED.')
      .optional(),
    events: z
      .array(eventSchema)
      .describe(
        "The events to send, as they are. RUN_STARTED and RUN_FINISHED are added when missing, and carry the request's threadId and runId.",
      )
      .optional(),
  }

  const RESPONSE_FIELDS = Object.keys(aguiResponseShape) as (keyof typeof aguiResponseShape)[]

  /** Characters per delta: a fixture's, or the server's default (the config's `agui.chunkSize`). */
  const chunkSizeSchema = z
    .number()
    .int()
    .positive()
    .describe('Characters per TEXT_MESSAGE_CONTENT and TOOL_CALL_ARGS delta (default 20).')
    .optional()

  const fixtureShape = {
    id: z.string().min(1).describe('Names the fixture in the journal (default "agui#<index>").').optional(),
    match: aguiMatchSchema.optional(),
    ...aguiResponseShape,
    delayMs: z.number().nonnegative().describe('Milliseconds between events.').optional(),
    chunkSize: chunkSizeSchema,
  }

  const aguiFixtureSchema = z
    .strictObject(fixtureShape)
    .superRefine(checkResponse)
    .describe('An AG-UI fixture: first match wins.')

  /** A fixture added in code: the same, plus what JSON cannot hold (a RegExp, a predicate). */
  const codeFixtureSchema = z
    .strictObject({
      ...fixtureShape,
      match: aguiMatchSchema
        .extend({
          message: z.union([pattern, z.instanceof(RegExp)]).optional(),
          predicate: z
            .custom<(...args: never[]) => unknown>((value) => typeof value === 'function')
            .optional(),
        })
        .optional(),
    })
    .superRefine(checkResponse)

  return {
    pattern,
    aguiMatchSchema,
    toolCallSchema,
    eventSchema,
    patchOperationSchema,
    aguiResponseShape,
    RESPONSE_FIELDS,
    chunkSizeSchema,
    fixtureShape,
    aguiFixtureSchema,
    codeFixtureSchema,
  }
})

type AguiSchemas = ReturnType<typeof aguiSchemas>

export type AguiFixtureEntry = z.input<AguiSchemas['aguiFixtureSchema']>

/** A fixture answers something, and `events` (a whole run as written) stands alone. */
function checkResponse(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const given = aguiSchemas().RESPONSE_FIELDS.filter((field) => value[field] !== undefined)
  if (given.length === 0) {
    ctx.addIssue({ code: 'custom', message: `expected one of ${aguiSchemas().RESPONSE_FIELDS.join(', ')}` })
  } else if (given.includes('events') && given.length > 1) {
    const others = given.filter((field) => field !== 'events')
    ctx.addIssue({
      code: 'custom',
      path: ['events'],
      message: `"events" is a whole run and cannot be combined with ${others.map((f) => `"${f}"`).join(', ')}`,
    })
  }
}

let fieldsByParent: Record<string, string[]> | undefined
/** The AG-UI fields known under each parent, from the schemas (built with them, on first use). */
function knownFields(): Record<string, string[]> {
  const { aguiMatchSchema, toolCallSchema, RESPONSE_FIELDS } = aguiSchemas()
  return (fieldsByParent ??= {
    match: Object.keys(aguiMatchSchema.shape),
    toolCalls: Object.keys(toolCallSchema.shape),
    error: ['message', 'code'],
    fixture: ['id', 'match', ...RESPONSE_FIELDS, 'delayMs', 'chunkSize'],
  })
}

/** Zod issues as fixture issues; an unknown field lists the AG-UI fields known there (not the LLM ones). */
export function aguiIssues(file: string, error: z.ZodError, prefix = ''): FixtureIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys')
      return toFixtureIssues(file, new (zod().ZodError)([issue]), prefix)
    const [parent, grandparent] = [...issue.path].reverse()
    const known =
      knownFields()[typeof parent === 'number' ? String(grandparent) : String(parent ?? '')] ??
      knownFields().fixture!
    return issue.keys.map((key) => ({
      file,
      path: jsonPath([...issue.path, key], prefix),
      message: `unknown field "${key}" (known here: ${known.join(', ')})`,
    }))
  })
}
