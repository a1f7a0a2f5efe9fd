/**
 * The agents an A2A server offers and how each answers: per agent, an ordered list of fixtures whose
 * pattern is tested against the text of the message sent to that agent (never another agent's fixtures).
 * @module
 */
import type { z } from 'zod'
import { FixtureError, StandinError } from '../../errors'
import { compilePattern, type TextPattern } from '../../fixtures/fixture'
import { toFixtureIssues } from '../../fixtures/issues'
import type { RegexObject } from '../../fixtures/schema'
import { testPattern } from '../../matching/predicates'
import { partsText, type A2aPart } from './model'
import { type A2aAgentDefinitionParsed, type A2aStreamEventParsed, a2aSchemas } from './schema'

/** A substring of, or a regular expression on, the text parts of the message. */
export type A2aPattern = string | RegExp

/** How a fixture answers: one agent message, or a task played as status and artifact events. */
export type AgentAnswer =
  { kind: 'message'; parts: A2aPart[] } | { kind: 'task'; events: A2aStreamEventParsed[]; delayMs: number }

export interface AgentFixture {
  /** `<agent>#<n>`, counting the agent's fixtures from 1: what the journal names. */
  id: string
  /** Where it was defined: `onMessage()`, or the config file and JSON path. */
  source: string
  pattern: TextPattern
  /** The pattern as written, for diagnostics. */
  shown: string
  answer: AgentAnswer
  /** A streaming task: `message/stream` tries these first. */
  streaming: boolean
}

/** A fixture as added: `streaming` marks `onStreamingTask()`'s, which `message/stream` tries first. */
export interface FixtureSpec {
  pattern: A2aPattern | RegexObject
  answer: AgentAnswer
  streaming: boolean
  source: string
}

export interface AgentEntry {
  definition: A2aAgentDefinitionParsed
  fixtures: AgentFixture[]
}

export class AgentRegistry {
  readonly agents = new Map<string, AgentEntry>()

  /** Adds an agent, or replaces the definition of one with the same name (keeping its fixtures). */
  register(definition: unknown, source: string): AgentEntry {
    const parsed = a2aSchemas().agentSchema.safeParse(definition)
    if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error))
    const entry = this.agents.get(parsed.data.name)
    if (entry) entry.definition = parsed.data
    else this.agents.set(parsed.data.name, { definition: parsed.data, fixtures: [] })
    return this.agents.get(parsed.data.name)!
  }

  /** Appends a fixture to `agent`'s list; the agent must be registered first. */
  add(agent: string, { pattern, answer, streaming, source }: FixtureSpec): void {
    const entry = this.agents.get(agent)
    if (!entry) {
      const known = [...this.agents.keys()]
      throw new StandinError(
        'STANDIN_A2A_UNKNOWN_AGENT',
        `${source}: no agent "${agent}" is registered (${known.length ? `agents: ${known.join(', ')}` : 'call registerAgent() first'}).`,
      )
    }
    entry.fixtures.push({
      id: `${agent}#${entry.fixtures.length + 1}`,
      source,
      pattern: compilePattern(pattern),
      shown: showPattern(pattern),
      answer,
      streaming,
    })
  }

  /** The first agent registered: the one served at the mount point and the root agent card. */
  get defaultAgent(): AgentEntry | undefined {
    return this.agents.values().next().value
  }

  /**
   * The fixture answering `text`: the first whose pattern matches, in the order added. A streaming request
   * tries streaming tasks first, so `"deep-research"` reaches its stream past a `"research"` message.
   */
  match(agent: AgentEntry, text: string, streaming: boolean): AgentFixture | undefined {
    const fits = (fixture: AgentFixture) => testPattern(fixture.pattern, text)
    const preferred = streaming ? agent.fixtures.find((f) => f.streaming && fits(f)) : undefined
    return preferred ?? agent.fixtures.find(fits)
  }
}

/** The text an answer gives: a message's text parts, or a task's artifact texts. */
export function answerText(answer: AgentAnswer): string {
  if (answer.kind === 'message') return partsText(answer.parts)
  return answer.events
    .flatMap((event) => (event.type === 'artifact' ? [partsText(event.parts)] : []))
    .filter((text) => text !== '')
    .join('\n')
}

/** Validates with `schema`, throwing a FixtureError naming `source` and the JSON path. */
export function parseDefinition<T extends z.ZodType>(schema: T, value: unknown, source: string): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error))
  return parsed.data
}

function showPattern(pattern: A2aPattern | RegexObject): string {
  if (typeof pattern === 'string') return JSON.stringify(pattern)
  if (pattern instanceof RegExp) return String(pattern)
  return `/${pattern.regex}/${pattern.flags ?? ''}`
}
