/**
 * Attaches a test's journal to the report, by the `standinAttach` policy: as JSON, and as the journal page
 * with the entries embedded, which opens from the report long after the mock is gone.
 * @module
 */
import type { TestInfo } from '@playwright/test'
import type { JournalEntry } from 'standin/internal'
import { engine } from '../engine'
import type { StandinAttach } from './types'

export const JOURNAL_ATTACHMENT = 'standin-journal.json'
/** The journal page (`/__standin/`) of the test's session, standalone: filters work, nothing connects. */
export const JOURNAL_PAGE_ATTACHMENT = 'standin-journal.html'

export async function attachJournal(
  testInfo: TestInfo,
  policy: StandinAttach,
  read: () => Promise<JournalEntry[]>,
) {
  const failed = testInfo.status !== testInfo.expectedStatus
  if (policy === 'off' || (policy === 'retain-on-failure' && !failed)) return
  const entries = await read()
  const body = JSON.stringify(entries, null, 2)
  await testInfo.attach(JOURNAL_ATTACHMENT, { body, contentType: 'application/json' })
  const title = `standin journal: ${testInfo.titlePath.slice(1).join(' › ')}`
  await testInfo.attach(JOURNAL_PAGE_ATTACHMENT, {
    body: engine().journalPageHtml({ entries, title }),
    contentType: 'text/html',
  })
}
