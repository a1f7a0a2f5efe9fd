/** The MSW handlers this project had before standin: its REST API, mocked by hand. */
import { http, HttpResponse } from 'msw'
import { USERS_API } from '../src/users-api.js'

export const handlers = [
  http.get(`${USERS_API}/users/:id`, ({ params }) =>
    HttpResponse.json({ id: Number(params.id), name: 'Ada Lovelace' }),
  ),
  http.get(`${USERS_API}/search`, ({ request }) => {
    const query = new URL(request.url).searchParams.get('q') ?? ''
    return HttpResponse.json({ results: [`${query}: sunny, 24°C`] })
  }),
]
