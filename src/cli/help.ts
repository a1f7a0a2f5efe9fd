/**
 * Usage text for `standin --help`, `standin serve --help` and `standin validate --help`.
 * @module
 */
import type { HelpTopic } from './args'

const SERVE = `standin serve [PATH...] [options]

  Serves fixtures over a real HTTP port. With no fixtures and no config, serves the bundled examples.

  -f, --fixtures PATH    fixture file or folder (repeatable; also given as plain arguments)
  -c, --config FILE      the one-port config file (aimock.json format); flags override it
  -p, --port N           port to listen on (default 0: any free port)
      --host HOST        host to bind (default 127.0.0.1)
      --strict           a request no fixture matches gets 503 (default: on when CI=true)
      --no-strict        ... gets 404, even when CI=true
      --chunk-size N     characters per streamed chunk (default 20)
      --latency MS       milliseconds before each streamed chunk (default 0)
      --streaming-profile P  pace streams like a kind of model: fast, standard, reasoning or overloaded
                         (time to first token, tokens per second, jitter); a fixture's own pacing wins
      --seed S           reproducible ids, timestamps and chaos decisions (per session)
      --chaos-drop R     rate 0-1 of requests answered HTTP 500 (code chaos_drop)
      --chaos-malformed R  rate 0-1 of requests answered HTTP 200 with a body that is not JSON
      --chaos-disconnect R rate 0-1 of requests cut with no response
      --journal-limit N  requests kept in each session's journal (default 1000)
      --journal-bytes N  bytes kept in each session's journal (default 16777216)
      --journal-budget N bytes kept by all journals together (default 67108864)
      --max-sessions N   sessions kept; past it the least recently used goes (default 10000)
      --session-idle-timeout MS  a session unused this long is forgotten (default 1800000; 0: never)
      --routes           list every route served (method, path, surface) at startup
      --log              print one line per request: method, path, session, surface, fixture or miss,
                         status, milliseconds
      --metrics          serve GET /metrics in Prometheus text format (guarded like the control API)

  Rate limits (providers' x-ratelimit-* / anthropic-ratelimit-* headers are on every reply by default):
      --rate-limit-requests N   answer the provider's 429 (with retry-after) past N requests a window
      --rate-limit-tokens N     ... past N tokens (input and output) a window
      --rate-limit-window MS    the window (default 60000)
      --rate-limit-scope S      session (default: each session counts alone) or global
      --no-rate-limit-headers   send no rate-limit headers

  Record & replay (see the README's "Fixtures from real traffic"):
      --record                  forward a request no fixture matches to the real provider, relay the
                                answer and record it in <first fixtures dir>/recorded/ (mode "missing")
      --proxy-only              forward misses and relay them, write nothing (mode "live")
      --record-mode MODE        replay | missing | all (re-record) | live; STANDIN_RECORD overrides it
      --provider-NAME URL       upstream for NAME: openai, anthropic, gemini, vertexai, bedrock, azure,
                                ollama, cohere, openrouter (default: STANDIN_UPSTREAM_<NAME>, else the
                                public API; azure has none). Keys: the client's, or STANDIN_UPSTREAM_<NAME>_KEY
      --record-errors           record upstream 4xx/5xx answers as error fixtures too
      --replay-speed N          divide every delay by N and replay recordings' timings (1 = as recorded)
  standin record ...            is standin serve --record ...

  Security (see the README's "Security and sharing a server"):
      --api-key KEY             provider routes and mounts require this key (repeatable; also
                                STANDIN_API_KEYS or AIMOCK_API_KEYS, comma-separated, or auth.apiKeys)
      --control-token TOKEN     the control API (/__standin/*) requires this token, sent as
                                Authorization: Bearer or x-standin-token (also STANDIN_CONTROL_TOKEN)
      --allow-origin ORIGIN     pages from ORIGIN may call the control API, e.g. http://localhost:3000
                                (repeatable; * for any); other origins get 403
      --headers-timeout MS      time for a request's headers to arrive (default 20000; 0: none)
      --request-timeout MS      time for a whole request to arrive; answers are never cut (default 60000)
      --keep-alive-timeout MS   time an idle connection stays open (default 5000)

  Bound to loopback (the default), only localhost names are accepted in Host. --host 0.0.0.0 lets other
  machines in, turns that check off and prints a warning.

  Prints "standin listening on http://HOST:PORT" on stdout once it accepts requests, and "standin stopped"
  on SIGINT (Ctrl+C) or SIGTERM.`

const VALIDATE = `standin validate PATH...

  Checks fixture files, folders and config files (told apart by their keys), and the fixtures a config
  names. Prints every problem with its file and JSON path and exits 1, or prints a summary and exits 0.`

const MAIN = `standin: stands in for every AI service a test suite touches.

Usage:
  standin serve [PATH...] [options]   serve fixtures (\`standin\` alone serves the bundled examples)
  standin record [PATH...] [options]  serve, recording what no fixture answers (serve --record)
  standin validate PATH...            check fixture and config files
  standin --help | --version

${SERVE}

${VALIDATE}`

/** The usage text for a topic. */
export function usage(topic: HelpTopic = 'main'): string {
  if (topic === 'serve') return `Usage: ${SERVE}`
  if (topic === 'validate') return `Usage: ${VALIDATE}`
  return MAIN
}
