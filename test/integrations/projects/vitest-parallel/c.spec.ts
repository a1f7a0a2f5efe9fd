import { defineRecordedTests } from './recorded-tests'

defineRecordedTests('c')
