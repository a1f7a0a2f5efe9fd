/* global require, module, __dirname */
// Driven by test/integrations/live-calls.test.ts (run in band, so both files share one worker process and
// its node:http module).
const { withStandin } = require('standin/jest')

module.exports = withStandin({ rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} })
