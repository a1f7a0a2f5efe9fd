/**
 * Attaches a test's journal to the report, by the `standinAttach` policy.
 * @module
 */
import type { TestInfo } from '@playwright/test'
import type { JournalEntry } from 'standin/internal'
import type { StandinAttach } from './types'

export const JOURNAL_ATTACHMENT = 'standin-journal.json'

export async function attachJournal(
  testInfo: TestInfo,
  policy: StandinAttach,
  read: () => Promise<JournalEntry[]>,
) {
  const failed = testInfo.status !== testInfo.expectedStatus
  if (policy === 'off' || (policy === 'retain-on-failure' && !failed)) return
  const body = JSON.stringify(await read(), null, 2)
  await testInfo.attach(JOURNAL_ATTACHMENT, { body, contentType: 'application/json' })
}
