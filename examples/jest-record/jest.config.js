/* global require, module */
// Jest 30 on Node 20 cannot load a TypeScript config without ts-node, so the config is plain CommonJS.
const { withStandin } = require('standin/jest')

/** @type {import('jest').Config} */
module.exports = withStandin(
  {
    testMatch: ['<rootDir>/tests/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    },
  },
  {
    // Each test replays its own recording, tests/__recordings__/<file>/<test>.json. The default mode is
    // 'replay': nothing is ever forwarded, so CI needs no key. `STANDIN_RECORD=missing npx jest` records
    // what is missing (with a real OPENAI_API_KEY); `npx jest -u` re-records everything.
    record: 'replay',
    // A request no recording answers fails with 503 and the closest recordings, instead of a 404.
    strict: true,
  },
)
