// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'schema/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'test/integrations/projects/tmp-*/**',
      'test/docs/consumer/snippets/**',
      'test/docs/consumer/run/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    // Node 20 lacks these (they arrived with Node 22): keep them out of shipped code.
    files: ['src/**/*.ts', 'integrations/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Promise', property: 'withResolvers', message: 'Not in Node 20.' },
        { object: 'Map', property: 'groupBy', message: 'Not in Node 20.' },
        { object: 'Object', property: 'groupBy', message: 'Not in Node 20.' },
        { object: 'Array', property: 'fromAsync', message: 'Not in Node 20.' },
      ],
    },
  },
)
