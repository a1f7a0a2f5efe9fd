/** standin serving the shared fixtures over its node:http transport. */
// BENCH_STANDIN: another build of the same entry (e.g. a bundle with a source map, for bench/profile.mjs).
const { createStandin } = await import(process.env.BENCH_STANDIN ?? '../../dist/index.mjs')
import { generateFixtures, HELLO, largeFixtures, STREAM } from '../fixtures.mjs'
import { control, fixtureConfig, ready } from './child.mjs'

const mock = createStandin({ strict: false })
const { count, mix } = fixtureConfig()
if (count > 0) mock.add(generateFixtures(count, mix))
mock.on(HELLO.match, HELLO.response)
mock.on(STREAM.match, STREAM.response)
for (const f of largeFixtures()) mock.on(f.match, f.response)
const { url, close } = await mock.listen({ port: 0 })
control({ journal: () => mock.journal.size, stop: close })
ready(url)
