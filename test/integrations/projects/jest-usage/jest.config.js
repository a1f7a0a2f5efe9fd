/* global require, module, __dirname */
const { withStandin } = require('standin/jest')

// Three loaded fixtures; hello.spec.js uses the first, weather.spec.js the second (each file has its own
// mock), none the third (driven by test/integrations/usage-jest.test.ts; UNUSED sets the option).
module.exports = withStandin(
  { rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} },
  { fixtures: '../usage-fixtures', unusedFixtures: process.env.UNUSED ?? 'report' },
)
