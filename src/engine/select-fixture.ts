/**
 * Stage: select the fixture that answers a request, trying each fallback model in turn
 * (see `Decoded.fallback`), and resolve its response (a function fixture is called and validated).
 * @module
 */
import type { CanonicalRequest } from '../canonical'
import { WireError } from '../errors'
import type { Fixture } from '../fixtures/fixture'
import { toFixtureIssues } from '../fixtures/issues'
import { type ParsedFixtureResponse, fixtureSchemas } from '../fixtures/schema'
import { requestFacts } from '../matching/facts'
import type { FixtureStore } from '../matching/fixture-store'
import { selectFixture, type MatchState } from '../matching/select'
import type { Decoded } from '../providers/provider'
import type { ServedCounts } from './fixture-usage'

export interface Picked {
  request: CanonicalRequest
  fixture: Fixture
  response: ParsedFixtureResponse
}

export interface PickInput {
  stores: FixtureStore[]
  state: MatchState
  decoded: Pick<Decoded, 'request' | 'fallback'>
  /** The request's `x-standin-context` header. */
  context: string | undefined
  /** The mock-wide counts of loaded fixtures served (the fixture-usage report). */
  served: ServedCounts
}

/**
 * Every selected fixture counts as served, as the upstream call it stands for was made; the first success
 * (or an error fixture that does not fall through) wins.
 */
export async function pickFixture({ stores, state, decoded, context, served }: PickInput): Promise<{
  picked: Picked | undefined
  skippedBySequence: number
}> {
  let picked: Picked | undefined
  let skippedBySequence = 0
  for (const request of candidates(decoded)) {
    const selection = selectFixture(stores, requestFacts(request, context), state)
    skippedBySequence += selection.skippedBySequence
    if (!selection.fixture) continue
    state.record(selection.fixture)
    served.count(selection.fixture)
    // A fixture's own response needs no await (a function's answer does): one tick less per request.
    const fixed = selection.fixture.response
    const response = typeof fixed === 'function' ? await resolveResponse(selection.fixture, request) : fixed
    picked = { request, fixture: selection.fixture, response }
    if (response.error === undefined || !decoded.fallback?.onError || response.fallthrough === false) break
  }
  return { picked, skippedBySequence }
}

/** The request, then the same request under each distinct fallback model. */
function candidates({ request, fallback }: PickInput['decoded']): CanonicalRequest[] {
  const out = [request]
  for (const model of fallback?.models ?? []) {
    if (!out.some((r) => r.model === model)) out.push({ ...request, model })
  }
  return out
}

async function resolveResponse(fixture: Fixture, request: CanonicalRequest): Promise<ParsedFixtureResponse> {
  if (typeof fixture.response !== 'function') return fixture.response
  let produced: unknown
  try {
    produced = await fixture.response(request)
  } catch (error) {
    throw fixtureError(fixture, `threw: ${(error as Error).message}`)
  }
  const parsed = fixtureSchemas().responseSchema.safeParse(produced)
  if (!parsed.success) {
    const problems = toFixtureIssues(fixture.id, parsed.error, 'response').map(
      (i) => `${i.path}: ${i.message}`,
    )
    throw fixtureError(fixture, `returned an invalid response: ${problems.join('; ')}`)
  }
  return parsed.data
}

function fixtureError(fixture: Fixture, what: string): WireError {
  return new WireError(500, `The response function of fixture ${fixture.id} ${what}`, {
    type: 'standin_fixture_error',
  })
}
