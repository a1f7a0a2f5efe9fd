/* global require, module, __dirname */
// Copied to a fresh folder for each run by test/integrations/record-jest.test.ts. RECORD_OPTION, when set,
// is the `record` option (the driver checks that CI=true overrides it).
const { withStandin } = require('standin/jest')

const option = process.env.RECORD_OPTION

module.exports = withStandin(
  { rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} },
  option ? { record: option } : {},
)
