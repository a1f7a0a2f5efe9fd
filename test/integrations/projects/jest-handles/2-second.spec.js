/* global require, test, expect */
const { readFileSync } = require('node:fs')
const { connect } = require('node:net')
const { join } = require('node:path')
const { standin } = require('standin/jest')

const mock = standin()

function probe(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('open')
    })
    socket.once('error', (error) => resolve(error.code))
  })
}

test("the first file's mock stopped listening when its environment tore down", async () => {
  const firstPort = Number(readFileSync(join(process.env.STANDIN_JEST_OUT, 'first-port'), 'utf8'))
  expect(firstPort).toBeGreaterThan(0)
  // The OS may hand the freed port to this file's own mock; then "open" is this file's mock, not a leak.
  const expected = firstPort === mock.port ? 'open' : 'ECONNREFUSED'
  expect(await probe(firstPort)).toBe(expected)
})
