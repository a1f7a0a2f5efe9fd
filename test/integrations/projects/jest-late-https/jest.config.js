/* global require, module, __dirname */
// Driven by test/integrations/live-calls.test.ts: one file in band, so nothing before it loads node:https.
const { withStandin } = require('standin/jest')

module.exports = withStandin({ rootDir: __dirname, testMatch: ['<rootDir>/*.spec.js'], transform: {} })
