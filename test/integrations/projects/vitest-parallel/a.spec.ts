import { defineRecordedTests } from './recorded-tests'

defineRecordedTests('a')
