/**
 * The request of an AG-UI run: a RunAgentInput. Read loosely (newer fields pass through, content parts of
 * any kind are kept), but a field the protocol defines with the wrong type is a 400 naming it. `threadId`,
 * `runId` and `messages` may be left out (a hand-written curl), and are then generated or empty.
 * @see https://docs.ag-ui.com/sdk/js/core/types#runagentinput
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'
import { WireError } from '../../errors'
import { jsonPath } from '../../fixtures/issues'

export const aguiRunInputSchemas = lazySchemas((z) => {
  const toolCallSchema = z.looseObject({
    id: z.string(),
    type: z.literal('function').optional(),
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  })

  const messageSchema = z.looseObject({
    id: z.string().optional(),
    role: z.string(),
    content: z.unknown().optional(),
    toolCalls: z.array(toolCallSchema).optional(),
    toolCallId: z.string().optional(),
    error: z.string().optional(),
  })

  const toolSchema = z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.unknown().optional(),
  })

  const runInputSchema = z.looseObject({
    threadId: z.string().optional(),
    runId: z.string().optional(),
    parentRunId: z.string().optional(),
    state: z.unknown().optional(),
    messages: z.array(messageSchema).default([]),
    tools: z.array(toolSchema).default([]),
    context: z.array(z.looseObject({ description: z.string(), value: z.string() })).default([]),
    forwardedProps: z.unknown().optional(),
  })

  return { toolCallSchema, messageSchema, toolSchema, runInputSchema }
})

type AguiRunInputSchemas = ReturnType<typeof aguiRunInputSchemas>

/** A RunAgentInput as standin read it: threadId and runId always present. */
export type AguiRunInput = z.output<AguiRunInputSchemas['runInputSchema']> & {
  threadId: string
  runId: string
}
export type AguiMessage = AguiRunInput['messages'][number]

/** Parses the body; `id` makes the ids a request left out. Throws a 400 WireError naming the bad field. */
export function parseRunInput(body: string, id: (prefix: string) => string): AguiRunInput {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    throw new WireError(400, `Invalid JSON body: ${(error as Error).message}`)
  }
  const parsed = aguiRunInputSchemas().runInputSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const param = jsonPath(issue.path)
    const where = param ? ` at ${param}` : ''
    throw new WireError(400, `Invalid RunAgentInput${where}: ${issue.message}`, { param })
  }
  const input = parsed.data
  return { ...input, threadId: input.threadId ?? id('thread_'), runId: input.runId ?? id('run_') }
}

/** A message's text: string content, or its text parts joined with newlines. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .filter((part) => part?.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n')
}

/** The text of the last user message (`''` when there is none). */
export function lastUserText(input: AguiRunInput): string {
  for (let i = input.messages.length - 1; i >= 0; i--) {
    const message = input.messages[i]!
    if (message.role === 'user') return messageText(message.content)
  }
  return ''
}

/** The toolCallId of the last message when it is a tool result. */
export function lastToolCallId(input: AguiRunInput): string | undefined {
  const last = input.messages.at(-1)
  return last?.role === 'tool' ? last.toolCallId : undefined
}
