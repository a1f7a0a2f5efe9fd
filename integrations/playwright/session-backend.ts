/**
 * What a test's `standin` handle needs from a mock, whether the mock runs in another process (shared mode,
 * reached through the control API) or in this worker (worker mode).
 * @module
 */
import type {
  FixtureEntry,
  FixtureMatch,
  FixtureOpts,
  FixtureResponse,
  JournalEntry,
  ResponseFactory,
} from 'standin/internal'

export interface SessionBackend {
  /** The mock's base URL (`http://127.0.0.1:PORT`). */
  readonly baseUrl: string
  on(
    match: FixtureMatch,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Promise<void>
  add(entries: FixtureEntry[]): Promise<void>
  journal(): Promise<JournalEntry[]>
  /** The session's own fixtures (for `toHaveUsedAllFixtures`). */
  fixtures(): ReadonlyArray<{ id: string; source: string }>
  reset(): Promise<void>
  /**
   * Replays `file`'s recordings in this session and records what it forwards into it; resolves to the
   * file as the mock names it.
   */
  useRecording(file: string): Promise<string>
  /**
   * Forgets the session and its journal, once recordings still being written landed. `passed`: the test
   * passed (a re-recording run then removes a recording file the test no longer wrote).
   */
  close(passed?: boolean): Promise<void>
}

/** Opens sessions on one mock. */
export interface StandinControl {
  readonly baseUrl: string
  open(id: string): Promise<SessionBackend>
}
