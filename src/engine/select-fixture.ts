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
export function pickFixture(input: PickInput): PickResult | Promise<PickResult> {
  return pickFrom(input, candidates(input.decoded), 0, { picked: undefined, skippedBySequence: 0 })
}

export interface PickResult {
  picked: Picked | undefined
  skippedBySequence: number
}

/**
 * Tries `requests` from `start`. A fixture's own response needs no await, so the usual request is picked
 * with no promise at all; a function fixture's answer is awaited, then the remaining candidates are tried.
 */
function pickFrom(
  input: PickInput,
  requests: CanonicalRequest[],
  start: number,
  out: PickResult,
): PickResult | Promise<PickResult> {
  const { stores, state, decoded, context, served } = input
  for (let i = start; i < requests.length; i++) {
    const request = requests[i]!
    const selection = selectFixture(stores, requestFacts(request, context), state)
    out.skippedBySequence += selection.skippedBySequence
    if (!selection.fixture) continue
    state.record(selection.fixture)
    served.count(selection.fixture)
    const fixture = selection.fixture
    const fixed = fixture.response
    if (typeof fixed === 'function') {
      return resolveResponse(fixture, request).then((response) => {
        out.picked = { request, fixture, response }
        return stops(decoded, response) ? out : pickFrom(input, requests, i + 1, out)
      })
    }
    out.picked = { request, fixture, response: fixed }
    if (stops(decoded, fixed)) break
  }
  return out
}

/** The first success (or an error fixture that does not fall through) ends the search. */
function stops(decoded: PickInput['decoded'], response: ParsedFixtureResponse): boolean {
  return response.error === undefined || !decoded.fallback?.onError || response.fallthrough === false
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
