/* global require, module */
// Runs files by name, so the second file can probe the port the first one closed.
const Sequencer = require('@jest/test-sequencer').default

module.exports = class ByNameSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path))
  }
}
