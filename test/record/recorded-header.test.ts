/**
 * The `x-standin-recorded` header names the file a JSON answer was recorded in; a path a header cannot
 * hold as it is (a test titled in any language, the runners' ` › `) arrives percent-encoded, not as a 500.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { expect, test } from 'vitest'
import { createStandin } from '../../src'
import { startFakeUpstream } from './fake-upstream'

test('a recording file with non-ASCII in its path is named in the header, percent-encoded', async () => {
  const fake = await startFakeUpstream({ text: 'Bonjour' })
  const dir = mkdtempSync(join(tmpdir(), 'standin-header-'))
  const mock = createStandin({ record: { mode: 'missing', upstreams: { openai: fake.url } } })
  try {
    const session = mock.session('t1')
    const file = join(dir, 'salutations › café 50%.json')
    session.useRecording(file)
    const response = await session.handle(
      new Request('http://standin.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-0123456789' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'salut' }] }),
      }),
    )
    expect(response.status).toBe(200)
    const header = response.headers.get('x-standin-recorded')!
    expect(header).toMatch(/^[\x20-\x7e]+$/)
    expect(decodeURIComponent(header)).toBe(relative(process.cwd(), file))
    expect(mock.recordings.written).toEqual([file])
  } finally {
    await mock.stop()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
