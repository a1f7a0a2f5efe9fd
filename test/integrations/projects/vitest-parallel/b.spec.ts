import { defineRecordedTests } from './recorded-tests'

defineRecordedTests('b')
