import { FixtureStore } from '../matching/fixture-store'
import { MatchState } from '../matching/select'

/** A session: its own run-time fixtures (searched before the shared ones) and match state. */
export class Session {
  readonly store = new FixtureStore()
  state = new MatchState()
  constructor(readonly id: string) {}
}
