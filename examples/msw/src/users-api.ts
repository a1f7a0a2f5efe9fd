/** The app's REST backend (not an AI service): its tests already mock it with MSW handlers. */
export const USERS_API = 'https://api.example.com'

export interface User {
  id: number
  name: string
}

export async function getUser(id: number): Promise<User> {
  const response = await fetch(`${USERS_API}/users/${id}`)
  if (!response.ok) throw new Error(`GET /users/${id} failed with ${response.status}`)
  return (await response.json()) as User
}

export async function searchWeb(query: string): Promise<string> {
  const response = await fetch(`${USERS_API}/search?q=${encodeURIComponent(query)}`)
  if (!response.ok) throw new Error(`GET /search failed with ${response.status}`)
  const { results } = (await response.json()) as { results: string[] }
  return results.join('\n')
}
