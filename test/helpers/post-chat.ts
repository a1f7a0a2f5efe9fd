/**
 * A chat completion POSTed with node:http (no fetch, no SDK), for tests about connections: `agent` decides
 * whether the connection is kept alive (an `Agent` with keepAlive) or closed after the reply (`false`).
 */
import { request, type Agent } from 'node:http'

/** POSTs a chat completion asking `content`, resolving to the reply's text. */
export function postChat(url: string, agent: Agent | false, content: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(text))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }] }))
  })
}
