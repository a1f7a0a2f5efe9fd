import { expect, test } from 'vitest'
import { postRun, runInput, startAguiMock } from '../agui/agui-helpers'

test('AG-UI: drop is a 500, malformed a broken SSE frame after the first, disconnect no response', async () => {
  const { agui, endpoint, agent, mock } = await startAguiMock()
  agui.onMessage('ping', 'pong, a reply of a few words')
  const dropped = await postRun(endpoint, runInput('ping'), { 'x-standin-chaos-drop': '1' })
  expect(dropped.status).toBe(500)
  expect(await dropped.json()).toMatchObject({ error: { code: 'chaos_drop' } })

  const malformed = await postRun(endpoint, runInput('ping'), { 'x-standin-chaos-malformed': '1' })
  expect(malformed.status).toBe(200)
  expect(malformed.headers.get('content-type')).toContain('text/event-stream')
  const frames = (await malformed.text()).split('\n\n').filter(Boolean)
  expect(() => JSON.parse(frames[0]!.replace(/^data: /, ''))).not.toThrow()
  expect(() => JSON.parse(frames[1]!.replace(/^data: /, ''))).toThrow(SyntaxError)

  await expect(postRun(endpoint, runInput('ping'), { 'x-standin-chaos-disconnect': '1' })).rejects.toThrow(
    'fetch failed',
  )
  mock.setChaos({ disconnectRate: 1 })
  await expect(agent('ping').runAgent()).rejects.toThrow()
  expect(mock.journal.entries.map((e) => e.response.chaos)).toEqual([
    'drop',
    'malformed',
    'disconnect',
    'disconnect',
  ])
})
