import { defineRecordedTests } from './recorded-tests'

defineRecordedTests('d')
