/**
 * `standin/jest/setup` (a `setupFilesAfterEnv` entry): registers standin's matchers on Jest's `expect`.
 * `withStandin()` adds it for you.
 * @module
 */
import { expect } from '@jest/globals'
import { matchers } from './jest-matchers'

expect.extend(matchers)
