/** The agent's tool: a stand-in web search (a real app would call a search API here). */
export async function search(query: string): Promise<string> {
  return `Top result for "${query}": Paris, sunny, 24°C, light wind.`
}
