/**
 * The tokens a reply reports in its `usage` (any provider's field names), read from the body text without
 * parsing it: a JSON body at once, a stream chunk by chunk as it is sent.
 * @module
 */

/** Input and output token counts a reply reported; -1 when it reported none. */
export interface ReportedTokens {
  input: number
  output: number
}

const INPUT = new Set([
  'prompt_tokens',
  'input_tokens',
  'promptTokenCount',
  'inputTokens',
  'prompt_eval_count',
])
const USAGE =
  /"(prompt_tokens|input_tokens|promptTokenCount|inputTokens|prompt_eval_count|completion_tokens|output_tokens|candidatesTokenCount|outputTokens|eval_count)"\s*:\s*(\d+)/g

/** Adds what `text` reports to `into` (the largest count wins: streams repeat cumulative counts). */
export function readUsage(text: string, into: ReportedTokens): void {
  // exec, not matchAll: no iterator or cloned regex per reply (this runs on every reply).
  USAGE.lastIndex = 0
  for (let match = USAGE.exec(text); match !== null; match = USAGE.exec(text)) {
    const value = Number(match[2])
    if (INPUT.has(match[1]!)) into.input = Math.max(into.input, value)
    else into.output = Math.max(into.output, value)
  }
}
