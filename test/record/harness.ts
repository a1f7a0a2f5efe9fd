/**
 * Record, then replay: a scenario (official SDK calls against a base URL) runs once through a mock in
 * record mode in front of the fake upstream, then again through a fresh mock that only replays what was
 * written. Both runs must give the same parsed results, the replay must not reach the upstream, and no
 * written file may hold the key the client used.
 * @module
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createStandin, type Standin } from '../../src'
import type { RecordProvider } from '../../src/record/upstreams'
import { startFakeUpstream, type FakeUpstream, type Script } from './fake-upstream'

export const TEST_KEY = 'sk-test-recording-key-0123456789'

export interface RecordRun<T> {
  recorded: T
  replayed: T
  /** Upstream requests made while recording. */
  upstreamCalls: number
  /** The recording files, name → parsed JSON. */
  files: Map<
    string,
    { fixtures: Array<{ match: Record<string, unknown>; response: Record<string, unknown> }> }
  >
  fake: FakeUpstream
}

export function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push(path)
    }
  }
  walk(dir)
  return out
}

/** Runs `scenario` recording, then replaying; asserts the invariants every provider shares. */
export async function recordThenReplay<T>(
  provider: RecordProvider,
  scenario: (url: string, mock: Standin) => Promise<T>,
  options: { script?: Script; secrets?: string[] } = {},
): Promise<RecordRun<T>> {
  const fake = await startFakeUpstream(options.script)
  const dir = mkdtempSync(join(tmpdir(), 'standin-rr-'))
  try {
    const recorder = createStandin({
      fixtures: dir,
      strict: true,
      record: { mode: 'missing', upstreams: { [provider]: fake.url } },
    })
    const recordUrl = await recorder.start()
    const recorded = await scenario(recordUrl, recorder)
    await recorder.stop()
    const upstreamCalls = fake.requests.length
    expect(upstreamCalls).toBeGreaterThan(0)
    expect(recorder.recordings.problems).toEqual([])

    const written = filesUnder(join(dir, 'recorded'))
    expect(written.length).toBeGreaterThan(0)
    const files: RecordRun<T>['files'] = new Map()
    for (const file of written) {
      const text = readFileSync(file, 'utf8')
      for (const secret of [TEST_KEY, ...(options.secrets ?? [])]) expect(text).not.toContain(secret)
      files.set(file.slice(dir.length + 1), JSON.parse(text))
    }

    const replayer = createStandin({ fixtures: dir, strict: true })
    const replayUrl = await replayer.start()
    const replayed = await scenario(replayUrl, replayer)
    await replayer.stop()
    expect(fake.requests.length).toBe(upstreamCalls)
    expect(replayed).toEqual(recorded)
    return { recorded, replayed, upstreamCalls, files, fake }
  } finally {
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Every recorded entry of a run, ordered by turn (each recording made outside a test has its own file). */
export function recordedEntries(run: Pick<RecordRun<unknown>, 'files'>) {
  return [...run.files.values()]
    .flatMap((file) => file.fixtures)
    .sort((a, b) => Number(a.match.turnIndex ?? 0) - Number(b.match.turnIndex ?? 0))
}
