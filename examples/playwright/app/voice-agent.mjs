/* global document, fetch, FormData, WebSocket */
/**
 * The voice agent's browser code: a browser `WebSocket` to the OpenAI Realtime API, as OpenAI's browser
 * client opens it (the key as the `openai-insecure-api-key.<key>` subprotocol, since browsers cannot set
 * headers). It sends typed turns (`conversation.item.create`, `response.create`), renders the streamed
 * `response.output_text.delta` events, and runs the `show_weather` tool when the model calls it, answering
 * with a `function_call_output` item and asking for the next response. Plain browser JavaScript, served as is.
 */

const status = document.querySelector('[data-testid="realtime-status"]')
const form = document.getElementById('say')
const answer = document.querySelector('[data-testid="realtime-answer"]')
const tools = document.querySelector('[data-testid="realtime-tools"]')

const showWeather = {
  type: 'function',
  name: 'show_weather',
  description: 'Shows a weather card for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

// Where the Realtime API is, a key for the browser, and any extra subprotocols (the app decides).
const config = await (await fetch('/realtime/config')).json()
const socket = new WebSocket(config.url, [
  'realtime',
  `openai-insecure-api-key.${config.key}`,
  ...config.protocols,
])
const send = (event) => socket.send(JSON.stringify(event))

socket.addEventListener('open', () => {
  send({
    type: 'session.update',
    session: { type: 'realtime', output_modalities: ['text'], tools: [showWeather] },
  })
})
socket.addEventListener('close', (event) => (status.textContent = `closed ${event.code}`))
socket.addEventListener('message', (message) => {
  const event = JSON.parse(message.data)
  switch (event.type) {
    case 'session.updated':
      status.textContent = 'ready'
      break
    case 'response.created':
      answer.dataset.state = 'running'
      break
    case 'response.output_text.delta':
      answer.textContent += event.delta
      break
    case 'response.function_call_arguments.done':
      runTool(event)
      break
    case 'response.done':
      // A response that only called tools is followed by the one answering with their results.
      if (!event.response.output.some((item) => item.type === 'function_call')) answer.dataset.state = 'done'
      break
    case 'error':
      answer.textContent = `Error: ${event.error.message}`
      answer.dataset.state = 'error'
      break
  }
})

function runTool({ name, call_id: callId, arguments: args }) {
  const item = document.createElement('li')
  item.textContent = `${name} ${args}`
  tools.append(item)
  send({
    type: 'conversation.item.create',
    item: { type: 'function_call_output', call_id: callId, output: JSON.stringify({ shown: true }) },
  })
  send({ type: 'response.create' })
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  answer.textContent = ''
  tools.textContent = ''
  answer.dataset.state = 'sent'
  const text = String(new FormData(form).get('message'))
  send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  })
  send({ type: 'response.create' })
})
