/**
 * The ranking a rerank gets when no fixture answers it: each document scored by how much of the query it
 * covers, each query term weighted by its BM25 idf over the request's documents, so rare terms count more:
 *
 *   score(d) = Σ idf(t) for distinct query terms t in d  /  Σ idf(t) for every distinct query term t
 *   idf(t)   = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))   (N documents, df(t) of them contain t)
 *
 * Terms are lower-cased runs of letters and digits. Scores are 0 to 1 (1: every query term appears), rounded
 * to 6 places; ties keep the documents' order. Deterministic, and close enough to relevance that a RAG test
 * sees the obviously relevant document first.
 * @module
 */

/** Made on first use: a `\p{…}` class is built when its regex is created, which every import paid (issue 15). */
let term: RegExp | undefined

export function terms(text: string): Set<string> {
  return new Set(text.toLowerCase().match((term ??= /[\p{L}\p{N}]+/gu)) ?? [])
}

/** Document indexes, best first, with their scores. */
export function rankByOverlap(query: string, documents: string[]): Array<{ index: number; score: number }> {
  const wanted = [...terms(query)]
  const docs = documents.map(terms)
  const idf = new Map<string, number>()
  for (const term of wanted) {
    const df = docs.filter((d) => d.has(term)).length
    idf.set(term, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5)))
  }
  let total = 0
  for (const weight of idf.values()) total += weight
  const ranking = docs.map((doc, index) => {
    let covered = 0
    for (const term of wanted) if (doc.has(term)) covered += idf.get(term)!
    const score = total === 0 ? 0 : Math.round((covered / total) * 1e6) / 1e6
    return { index, score }
  })
  return ranking.sort((a, b) => b.score - a.score || a.index - b.index)
}
