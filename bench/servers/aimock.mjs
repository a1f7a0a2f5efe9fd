/** The peer, @copilotkit/aimock, serving the shared fixtures. */
import { LLMock } from '@copilotkit/aimock'
import { generateFixtures, HELLO, largeFixtures, STREAM } from '../fixtures.mjs'
import { control, fixtureConfig, ready } from './child.mjs'

const mock = new LLMock({ port: 0, logLevel: 'silent' })
const { count, mix } = fixtureConfig()
// on() one by one, the way the hello fixture is added (it normalises the response like a file entry).
if (count > 0) for (const f of generateFixtures(count, mix)) mock.on(f.match, f.response)
mock.on(HELLO.match, HELLO.response)
mock.on(STREAM.match, STREAM.response)
for (const f of largeFixtures()) mock.on(f.match, f.response)
const url = await mock.start()
control({ journal: () => mock.journal.size, stop: () => mock.stop() })
ready(url)
