/* global setTimeout, clearTimeout, require, module, beforeAll, afterAll, test, expect */
// The body of every worker-N.spec.js: wait until all files run at once (so their mocks are alive together),
// send one request per test, check the test's journal holds exactly it, and write what was seen to a file the
// root test reads (STANDIN_JEST_OUT).
const { mkdirSync, readdirSync, watch, writeFileSync } = require('node:fs')
const { basename, join } = require('node:path')
const { standin } = require('standin/jest')
const { client, baseUrlAtLoad } = require('../jest-shared/openai-agent')

function waitForPeers(dir, name, count) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, name), String(process.pid))
  return new Promise((resolve, reject) => {
    const done = (error) => {
      watcher.close()
      clearTimeout(timer)
      if (error) reject(error)
      else resolve()
    }
    const check = () => {
      if (readdirSync(dir).length >= count) done()
    }
    const watcher = watch(dir, check)
    const timer = setTimeout(
      () =>
        done(
          new Error(
            `only ${readdirSync(dir).length} of ${count} files ran at once: are ${count} workers running?`,
          ),
        ),
      30_000,
    )
    check()
  })
}

function defineWorkerFile(file) {
  const name = basename(file, '.spec.js')
  const out = process.env.STANDIN_JEST_OUT
  const mock = standin()
  const record = {
    file: name,
    pid: process.pid,
    worker: process.env.JEST_WORKER_ID,
    url: mock.url,
    port: mock.port,
    baseUrlAtLoad,
    tests: [],
  }

  beforeAll(() => waitForPeers(join(out, 'ready'), name, Number(process.env.STANDIN_JEST_PEERS ?? 1)), 35_000)

  for (const label of ['first', 'second']) {
    test(`${label} test sees only its own request`, async () => {
      const marker = `${name}/${label}`
      mock.onMessage(marker, { content: `echo ${marker}` })
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `hello from ${marker}` }],
      })
      expect(completion.choices[0].message.content).toBe(`echo ${marker}`)
      const entries = mock.journal.entries
      expect(entries).toHaveLength(1)
      expect(entries[0].session).toBe(mock.session.id)
      expect(mock).toHaveReceivedMessage(marker, { role: 'user' })
      record.tests.push({
        label,
        session: mock.session.id,
        entries: entries.map((e) => ({ id: e.id, session: e.session, text: e.request.messages.at(-1).text })),
      })
    })
  }

  afterAll(() => {
    // Outside a test the handle reads the whole file's journal: test sessions were reset, so anything left
    // here came from outside this file's tests.
    record.leftover = mock.journal.entries.length
    writeFileSync(join(out, `${name}.json`), JSON.stringify(record))
  })
}

module.exports = { defineWorkerFile }
