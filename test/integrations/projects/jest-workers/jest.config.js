/* global require, module, __dirname */
const { withStandin } = require('standin/jest')

// transform: {} loads standin, the SDK and the tests exactly as shipped (no Babel, no SWC).
module.exports = withStandin({ rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} })
