/**
 * The app server: plain node:http. GET / serves the chat page; POST /chat runs the agent and streams its
 * events to the browser as server-sent events. GET /agent serves an agent UI whose browser code talks
 * AG-UI to an agent directly (bundled for the browser with esbuild on first use). GET /voice-agent serves
 * a page whose browser code talks to the OpenAI Realtime API over a WebSocket; GET /realtime/config tells
 * it where that API is.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import OpenAI from 'openai'
import { currentStandinSession, standinFetch, standinPropagation } from 'standin/propagate'
import { runAgent } from './agent.mjs'

const PAGE = readFileSync(new URL('./page.html', import.meta.url), 'utf8')
const AGENT_PAGE = readFileSync(new URL('./agent-ui.html', import.meta.url), 'utf8')
const VOICE_PAGE = readFileSync(new URL('./voice-agent.html', import.meta.url), 'utf8')
const VOICE_SCRIPT = readFileSync(new URL('./voice-agent.mjs', import.meta.url), 'utf8')
let agentScript

/** The agent UI's script with `@ag-ui/client` bundled in, built once. */
async function agentUiScript() {
  agentScript ??= import('esbuild').then(async ({ build }) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./agent-ui.mjs', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      minify: true,
      logLevel: 'silent',
    })
    return result.outputFiles[0].text
  })
  return agentScript
}

/**
 * Starts the app on 127.0.0.1 (port 0: any free port).
 * @param {{ port?: number, baseURL?: string }} [options] `baseURL`: the LLM's, default `OPENAI_BASE_URL`
 *   or `${STANDIN_URL}/v1`.
 * @returns {Promise<{ url: string, llmBaseURL: string, close(): Promise<void> }>}
 */
export async function startApp(options = {}) {
  const llmBaseURL = options.baseURL ?? process.env.OPENAI_BASE_URL ?? `${process.env.STANDIN_URL}/v1`
  const openai = new OpenAI({
    baseURL: llmBaseURL,
    apiKey: process.env.OPENAI_API_KEY ?? 'not-needed-in-tests',
    // Under a standin test, forwards the test's session to the mock; a plain fetch otherwise.
    fetch: standinFetch(),
  })
  // Reads the session the test's browser sent (cookie or header) for everything done while handling the request.
  const propagation = standinPropagation()
  const server = createServer((req, res) => {
    propagation(req, res, () => {
      handle(openai, { llmBaseURL }, req, res).catch((error) => fail(res, error))
    })
  })
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    url,
    llmBaseURL,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function handle(openai, { llmBaseURL }, req, res) {
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
    return
  }
  if (req.method === 'GET' && req.url === '/agent') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(AGENT_PAGE)
    return
  }
  if (req.method === 'GET' && req.url === '/agent-ui.js') {
    const script = await agentUiScript()
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script)
    return
  }
  if (req.method === 'GET' && req.url === '/voice-agent') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(VOICE_PAGE)
    return
  }
  if (req.method === 'GET' && req.url === '/voice-agent.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(VOICE_SCRIPT)
    return
  }
  if (req.method === 'GET' && req.url === '/realtime/config') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(realtimeConfig(llmBaseURL)))
    return
  }
  if (req.method === 'POST' && req.url === '/chat') {
    const { message } = JSON.parse(await readBody(req))
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
    for await (const event of runAgent(openai, String(message))) send(res, event)
    send(res, { type: 'done' })
    res.end()
    return
  }
  res.writeHead(404).end()
}

/**
 * What the voice agent's browser code needs: the Realtime API's WebSocket URL (the LLM's base URL, as
 * ws:// or wss://), a key for the browser (a real app mints a short-lived client secret here), and extra
 * subprotocols. Under a standin test the browser names the test's session as a subprotocol, as browsers
 * cannot set the header; the app learns it from the request (the test's cookie, read by standinPropagation).
 */
function realtimeConfig(llmBaseURL) {
  const url = new URL(`${llmBaseURL.replace(/\/$/, '')}/realtime`)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('model', 'gpt-realtime')
  const session = currentStandinSession()
  return {
    url: url.href,
    key: process.env.OPENAI_API_KEY ?? 'not-needed-in-tests',
    protocols: session ? [`standin-session.${session}`] : [],
  }
}

/** `for await` keeps the AsyncLocalStorage context; `req.on('data')` listeners would lose it. */
async function readBody(req) {
  let body = ''
  for await (const chunk of req) body += chunk
  return body
}

function send(res, event) {
  res.write(`data: ${JSON.stringify(event)}\n\n`)
}

function fail(res, error) {
  if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/event-stream' })
  send(res, { type: 'error', message: error.message })
  res.end()
}
