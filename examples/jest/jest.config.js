/* global require, module */
// Jest 30 on Node 20 cannot load a TypeScript config without ts-node, so the config is plain CommonJS.
const { withStandin } = require('standin/jest')

/** @type {import('jest').Config} */
module.exports = withStandin(
  {
    testMatch: ['<rootDir>/tests/**/*.test.ts'],
    // Only our TypeScript is transformed; standin and the openai SDK load as the CommonJS they ship.
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    },
  },
  { fixtures: './fixtures' },
)
