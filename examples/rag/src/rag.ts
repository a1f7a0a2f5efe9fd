/**
 * A small retrieval-augmented answer: moderate the question, embed it, find the nearest notes of the
 * product in Qdrant, rerank them with Cohere, and ask the model to answer from the best ones only.
 */
import type { RagClients } from './clients'
import type { Note } from './documents'

export const COLLECTION = 'notes'
const EMBEDDING_MODEL = 'text-embedding-3-small'
const DIMENSIONS = 64

async function embed({ openai }: RagClients, input: string[]): Promise<number[][]> {
  const response = await openai.embeddings.create({ model: EMBEDDING_MODEL, input, dimensions: DIMENSIONS })
  return response.data.map((item) => item.embedding)
}

/** Embeds the notes and stores them, with their text and product as payload. */
export async function indexNotes(clients: RagClients, notes: Note[]): Promise<void> {
  const vectors = await embed(
    clients,
    notes.map((note) => note.text),
  )
  await clients.qdrant.createCollection(COLLECTION, { vectors: { size: DIMENSIONS, distance: 'Cosine' } })
  await clients.qdrant.upsert(COLLECTION, {
    wait: true,
    points: notes.map((note, i) => ({
      id: note.id,
      vector: vectors[i]!,
      payload: { text: note.text, product: note.product },
    })),
  })
}

export type Answer =
  { kind: 'answer'; text: string; sources: string[] } | { kind: 'refused'; categories: string[] }

export async function answer(
  clients: RagClients,
  question: string,
  { product, candidates = 3, keep = 2 }: { product: Note['product']; candidates?: number; keep?: number },
): Promise<Answer> {
  const moderation = await clients.openai.moderations.create({ input: question })
  const verdict = moderation.results[0]!
  if (verdict.flagged) {
    const categories = Object.entries(verdict.categories).filter(([, flagged]) => flagged)
    return { kind: 'refused', categories: categories.map(([name]) => name) }
  }

  const [vector] = await embed(clients, [question])
  const found = await clients.qdrant.query(COLLECTION, {
    query: vector!,
    limit: candidates,
    filter: { must: [{ key: 'product', match: { value: product } }] },
    with_payload: true,
  })
  const texts = found.points.map((point) => String(point.payload?.text))

  const ranked = await clients.cohere.rerank({
    model: 'rerank-v3.5',
    query: question,
    documents: texts,
    topN: keep,
  })
  const sources = ranked.results.map((result) => texts[result.index]!)

  const completion = await clients.openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      {
        role: 'system',
        content: `Answer only from these notes:\n${sources.map((s) => `- ${s}`).join('\n')}`,
      },
      { role: 'user', content: question },
    ],
  })
  return { kind: 'answer', text: completion.choices[0]!.message.content ?? '', sources }
}
