/* global document, FormData, crypto */
/**
 * The agent UI's browser code: an AG-UI client (`@ag-ui/client`'s HttpAgent, as CopilotKit uses it) runs
 * the agent and renders its text and the tool calls it asks the UI to run. The app bundles this file for
 * the browser (see server.mjs).
 */
import { HttpAgent } from '@ag-ui/client'

// Not a real host: the Playwright tests route it to the mock (standin.routeBrowser).
const AGENT_URL = 'http://agent.test/agui'

const agent = new HttpAgent({ url: AGENT_URL, threadId: 'agent-ui' })
const form = document.getElementById('ask')
const answer = document.querySelector('[data-testid="agent-answer"]')
const tools = document.querySelector('[data-testid="agent-tools"]')

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const content = String(new FormData(form).get('message'))
  agent.addMessage({ id: crypto.randomUUID(), role: 'user', content })
  answer.textContent = ''
  tools.textContent = ''
  answer.dataset.state = 'running'
  try {
    await agent.runAgent(
      {
        tools: [
          { name: 'show_weather', description: 'Shows a weather card', parameters: { type: 'object' } },
        ],
      },
      {
        onTextMessageContentEvent: ({ event }) => void (answer.textContent += event.delta),
        onToolCallEndEvent: ({ toolCallName, toolCallArgs }) => {
          const item = document.createElement('li')
          item.textContent = `${toolCallName} ${JSON.stringify(toolCallArgs)}`
          tools.append(item)
        },
        onRunErrorEvent: ({ event }) => void (answer.textContent = `Error: ${event.message}`),
      },
    )
    answer.dataset.state = 'done'
  } catch (error) {
    answer.textContent = `Error: ${error.message}`
    answer.dataset.state = 'error'
  }
})
