/* global require, module */
// The bare-server variant's test environment: started like standin/jest/environment (one server per test
// file in setup(), the variable written to the sandbox's process.env before the file loads), closed in
// teardown().
const { TestEnvironment } = require('jest-environment-node')
const { startFloor } = require('./floor-server.cjs')

module.exports = class FloorEnvironment extends TestEnvironment {
  async setup() {
    await super.setup()
    this.floor = await startFloor()
    this.global.process.env.OPENAI_BASE_URL = `${this.floor.url}/v1`
  }

  async teardown() {
    await this.floor?.close()
    await super.teardown()
  }
}
