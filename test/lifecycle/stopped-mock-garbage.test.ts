/**
 * A stopped mock is garbage at once: node frees a closed server's native handle only after a later GC, so
 * nothing the handle reaches may hold the mock (a mock per test would otherwise survive into the old
 * generation, and the GC cost of a create/listen/stop loop doubled).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, test } from 'vitest'
import { createStandin } from '../../src'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Creates, starts, asks and stops a mock; returns a weak reference to it. */
async function stoppedMock(): Promise<WeakRef<object>> {
  const mock = createStandin()
  mock.on({ userMessage: 'hi' }, { content: 'Hello' })
  const { url } = await mock.listen()
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  })
  expect(await res.json()).toMatchObject({ choices: [{ message: { content: 'Hello' } }] })
  await mock.stop()
  return new WeakRef(mock)
}

test('nothing holds a mock once stop() resolved', async () => {
  const refs = [await stoppedMock(), await stoppedMock()]
  // A WeakRef keeps its target alive until the end of the job that made it: collect in a later task.
  await new Promise((resolve) => setImmediate(resolve))
  gc()
  expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined])
})
