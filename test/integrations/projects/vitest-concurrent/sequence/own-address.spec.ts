import { test } from 'standin/vitest'
import { defineOwnAddressTests } from '../own-address'

// This project sets sequence.concurrent: plain test() runs concurrently.
defineOwnAddressTests(test, 'sequence.concurrent')
