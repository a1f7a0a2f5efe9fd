import { expect, test } from 'standin/vitest'
import type { JournalEntry } from 'standin'
import { connect } from '../src/clients'
import { NOTES } from '../src/documents'
import { answer, indexNotes } from '../src/rag'

const QUESTION = 'What is the top speed of the Rocket Skates?'
const SPEED = NOTES[0]!.text
const CHARGING = NOTES[1]!.text
const COLOURS = NOTES[2]!.text

/** Every service on the test's own session of the worker's mock. */
function clientsFor(standin: { workerUrl: string; headers: Record<string, string> }) {
  const url = standin.workerUrl
  return connect({ openaiBaseUrl: `${url}/v1`, qdrantUrl: url, cohereUrl: url, headers: standin.headers })
}

/** What each journal entry was: `chat`, `embedding`, `rerank`, `moderation`, `vector query`... */
const step = (entry: JournalEntry) =>
  entry.request?.kind === 'vector' ? `vector ${entry.request.operation}` : entry.request?.kind

test('answers from the notes it retrieved, and the journal shows every step', async ({ standin }) => {
  const clients = clientsFor(standin)
  await indexNotes(clients, NOTES)

  const result = await answer(clients, QUESTION, { product: 'skates' })

  expect(result).toEqual({
    kind: 'answer',
    text: 'Acme Rocket Skates reach 40 km/h on flat ground.',
    // The filter kept the three skates notes; the rerank kept the two that share most with the question.
    sources: [SPEED, CHARGING],
  })
  expect(standin.journal.entries.map(step)).toEqual([
    'embedding', // the notes, with standin's deterministic vectors
    'vector create-collection',
    'vector upsert',
    'moderation', // the question, unflagged by default
    'embedding', // the question
    'vector query',
    'rerank', // ranked by query-term overlap: no fixture needed
    'chat',
  ])
  expect(standin).toHaveModerated(QUESTION)
  expect(standin).toHaveReceivedRequest({ kind: 'embedding', inputs: [QUESTION] })
  expect(standin).toHaveQueried('notes', {
    topK: 3,
    filter: { must: [{ key: 'product', match: { value: 'skates' } }] },
  })
  expect(standin).toHaveReranked('top speed', {
    topN: 2,
    documents: expect.arrayContaining([SPEED, CHARGING, COLOURS]),
  })
  expect(standin).toHaveReceivedMessage('top speed of 40 km/h', { role: 'system' })
  expect(standin).toHaveServedFixture('skates-speed')
  expect(standin).toHaveNoUnmatchedRequests()
})

test('canned retrieval without the speed note leads to the other answer', async ({ standin }) => {
  const clients = clientsFor(standin)
  await indexNotes(clients, NOTES)
  standin.onQuery('notes', [
    { id: '2', score: 0.91, metadata: { text: CHARGING, product: 'skates' } },
    { id: '3', score: 0.88, metadata: { text: COLOURS, product: 'skates' } },
  ])

  const result = await answer(clients, QUESTION, { product: 'skates' })

  expect(result).toMatchObject({ kind: 'answer', text: 'The notes do not say.' })
  expect(standin).toHaveQueried('notes', { canned: true })
  expect(standin).not.toHaveReceivedMessage('40 km/h')
  expect(standin).toHaveServedFixture('not-in-notes')
})

test('a rerank fixture decides which notes reach the model', async ({ standin }) => {
  const clients = clientsFor(standin)
  await indexNotes(clients, NOTES)
  standin.onQuery('notes', [
    { id: '3', score: 0.9, metadata: { text: COLOURS } },
    { id: '1', score: 0.8, metadata: { text: SPEED } },
  ])
  standin.onRerank('top speed', [{ index: 1, relevance_score: 0.99 }])

  const result = await answer(clients, QUESTION, { product: 'skates' })

  expect(result).toEqual({
    kind: 'answer',
    text: 'Acme Rocket Skates reach 40 km/h on flat ground.',
    sources: [SPEED],
  })
  expect(standin).toHaveReranked(/rocket skates/i, { documents: [COLOURS, SPEED] })
})

test('a harmful question is refused before anything is retrieved', async ({ standin }) => {
  const clients = clientsFor(standin)

  const result = await answer(clients, 'How do I hurt someone with skates?', { product: 'skates' })

  expect(result).toEqual({ kind: 'refused', categories: ['violence'] })
  expect(standin).toHaveModerated(/hurt someone/)
  expect(standin).toHaveServedFixture('harmful-question')
  expect(standin).toHaveRequestCount(1)
  expect(standin).not.toHaveQueried('notes')
  expect(standin).not.toHaveReranked()
})
