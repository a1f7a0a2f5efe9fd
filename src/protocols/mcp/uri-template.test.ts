import { expect, test } from 'vitest'
import { compileUriTemplate } from './uri-template'

test.each([
  ['file:///logs/{date}', 'file:///logs/2025-01-31', { date: '2025-01-31' }],
  ['file:///logs/{date}', 'file:///logs/2025/01', undefined],
  ['orders://{id}/items/{item}', 'orders://42/items/a%20b', { id: '42', item: 'a b' }],
  ['file:///{+path}', 'file:///src/index.ts', { path: 'src/index.ts' }],
  ['docs://page{/section}', 'docs://page/intro', { section: 'intro' }],
  ['search://items{?q,limit}', 'search://items?q=shoes&limit=5&x=1', { q: 'shoes', limit: '5' }],
  ['search://items{?q,limit}', 'search://items', {}],
  ['note://{id}{#part}', 'note://7#top', { id: '7', part: 'top' }],
])('%s against %s', (template, uri, variables) => {
  expect(compileUriTemplate(template).match(uri)).toEqual(variables)
})
