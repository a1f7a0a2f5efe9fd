/**
 * The fixtures and request bodies every server and case shares, so standin, aimock and the floor answer
 * exactly the same thing.
 */

export const HELLO_TEXT = 'Hello! How can I help?'
export const HELLO = { match: { userMessage: 'hello' }, response: { content: HELLO_TEXT } }

/** A deterministic 2,000-character answer for the streaming case. */
export const STREAM_CHARS = 2000
export const STREAM_TEXT = (() => {
  const words = [
    'standin',
    'streams',
    'a',
    'long',
    'answer',
    'in',
    'small',
    'chunks',
    'so',
    'the',
    'benchmark',
    'can',
    'time',
    'it',
  ]
  let text = ''
  for (let i = 0; text.length < STREAM_CHARS; i++) text += (i ? ' ' : '') + words[(i * 7) % words.length]
  return text.slice(0, STREAM_CHARS)
})()
export const STREAM = { match: { userMessage: 'stream 2000 chars' }, response: { content: STREAM_TEXT } }

export const MODEL = 'gpt-4o-mini'

export const helloBody = JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hello' }] })
export const streamBody = JSON.stringify({
  model: MODEL,
  stream: true,
  messages: [{ role: 'user', content: 'stream 2000 chars' }],
})

/** Distinct user messages: none is a substring of another (each starts "question " and ends the number). */
export const question = (i) => `question ${i} about topic ${(i * 7919) % 100003}`

/**
 * N fixtures. `plain`: one distinct userMessage each. `mixed`: a quarter plain, a quarter userMessage +
 * model, a quarter userMessage + toolName, a quarter toolName-only or model-only (names no request offers).
 */
export function generateFixtures(n, mix) {
  const out = new Array(n)
  for (let i = 0; i < n; i++) {
    const response = { content: `answer ${i}` }
    if (mix === 'plain') {
      out[i] = { match: { userMessage: question(i) }, response }
      continue
    }
    const kind = i % 4
    const match =
      kind === 0
        ? { userMessage: question(i) }
        : kind === 1
          ? { userMessage: question(i), model: 'gpt-4o' }
          : kind === 2
            ? { userMessage: question(i), toolName: `tool_${i % 64}` }
            : i % 8 === 3
              ? { toolName: `only_tool_${i}` }
              : { model: `ft:bench-${i}` }
    out[i] = { match, response }
  }
  return out
}

/** The fixture index a request should hit: `end` (worst case for a first-match scan) or `middle`. */
export function targetIndex(n, mix, position) {
  let t = position === 'end' ? n - 1 : Math.floor(n / 2)
  if (mix === 'mixed') while (t % 4 !== 2) t--
  return t
}

/** The OpenAI chat body that matches fixture `t` (and no earlier one). */
export function requestFor(t, mix) {
  const body = { model: MODEL, messages: [{ role: 'user', content: question(t) }] }
  if (mix === 'mixed') {
    body.model = 'gpt-4o'
    body.tools = [
      {
        type: 'function',
        function: { name: `tool_${t % 64}`, parameters: { type: 'object', properties: {} } },
      },
    ]
  }
  return body
}

/**
 * The large cases (issue 9): 4 MB prompts and a 4 MB answer. Servers register these fixtures only when
 * started with BENCH_LARGE=1, so the other cases measure the same fixture list as before.
 */
export const LARGE_BYTES = 4 * 1024 * 1024
export const largeEnabled = () => process.env.BENCH_LARGE === '1'

/** A 4 MB prompt starts with this marker; the filler contains no other fixture's userMessage. */
export const BIG_PROMPT_MARKER = 'big prompt'
export const BIG_PROMPT_REPLY = 'Read it.'
export const BIG_PROMPT = {
  match: { userMessage: BIG_PROMPT_MARKER },
  response: { content: BIG_PROMPT_REPLY },
}

/**
 * One request body with a ~`bytes` user message, as a Buffer, and `stamp(i)`, which writes a request
 * number into it in place so every prompt differs without rebuilding 4 MB.
 */
export function bigPromptBody(bytes = LARGE_BYTES) {
  const head = `${BIG_PROMPT_MARKER} #000000000 `
  const filler = 'lorem ipsum dolor sit amet consectetur '
  const content = (head + filler.repeat(Math.ceil(bytes / filler.length))).slice(0, bytes)
  const buffer = Buffer.from(JSON.stringify({ model: MODEL, messages: [{ role: 'user', content }] }))
  const at = buffer.indexOf('#000000000') + 1
  const stamp = (i) => buffer.write(String(i % 1e9).padStart(9, '0'), at, 'latin1')
  return { buffer, stamp }
}

/** The 4 MB answer (ASCII, so 4 MB in characters and bytes), built on first use. */
let largeText
export function largeReplyText() {
  largeText ??= STREAM_TEXT.repeat(Math.ceil(LARGE_BYTES / STREAM_TEXT.length)).slice(0, LARGE_BYTES)
  return largeText
}
export const LARGE_REPLY_PROMPT = 'large reply please'
export const largeReply = () => ({
  match: { userMessage: LARGE_REPLY_PROMPT },
  response: { content: largeReplyText() },
})
/** The large cases' fixtures, or none unless BENCH_LARGE=1. */
export const largeFixtures = () => (largeEnabled() ? [BIG_PROMPT, largeReply()] : [])
export const largeReplyBody = (stream) =>
  JSON.stringify({ model: MODEL, stream, messages: [{ role: 'user', content: LARGE_REPLY_PROMPT }] })
