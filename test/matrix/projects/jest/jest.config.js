/* global require, module, __dirname */
const { withStandin } = require('standin/jest')

module.exports = withStandin(
  { rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} },
  { fixtures: './fixtures' },
)
