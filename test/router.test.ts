/** The route table: literal prefix and suffix checks in front of each pattern must never change a match. */
import { describe, expect, test } from 'vitest'
import type { RouteSpec, StaticSurface } from '../src/providers/provider'
import { Router } from '../src/router/router'

const surface = (id: string, ...routes: RouteSpec[]): StaticSurface => ({
  kind: 'static',
  id,
  provider: id,
  routes,
  serve: () => ({ status: 200, headers: {}, body: null }),
})

const router = new Router([
  surface('chat', { method: 'POST', path: '**/chat/completions' }),
  surface('azure', { method: 'POST', path: '/openai/deployments/{deployment}/chat/completions' }),
  surface('gemini', { method: 'POST', path: '/v1beta/models/{model}:generateContent' }),
  surface('bedrock', { method: 'POST', path: '/model/{modelId+}/converse' }),
  surface('task', { method: 'GET', path: '/tasks/{id}' }),
  surface('tags', { method: 'GET', path: '/api/tags' }),
])
const match = (method: string, path: string) => {
  const found = router.match(method, path)
  return found && [found.surface.id, found.params]
}

describe('Router', () => {
  test('specific routes win over ** routes, with their params', () => {
    expect(match('POST', '/openai/deployments/gpt4/chat/completions')).toEqual([
      'azure',
      { deployment: 'gpt4' },
    ])
    expect(match('POST', '/v1/chat/completions')).toEqual(['chat', {}])
    expect(match('POST', '/chat/completions')).toEqual(['chat', {}])
    expect(match('POST', '/v1/chat/completions/extra')).toBeUndefined()
  })

  test('an optional trailing slash, at a literal end or after a param', () => {
    expect(match('POST', '/v1/chat/completions/')).toEqual(['chat', {}])
    expect(match('GET', '/api/tags/')).toEqual(['tags', {}])
    expect(match('GET', '/tasks/t1/')).toEqual(['task', { id: 't1' }])
    expect(match('POST', '/v1beta/models/gemini-2.5-flash:generateContent/')).toEqual([
      'gemini',
      { model: 'gemini-2.5-flash' },
    ])
  })

  test('prefixes and suffixes must both hold; greedy params take ":" and "/"', () => {
    expect(match('POST', '/v1/models/gemini:generateContent')).toBeUndefined()
    expect(match('POST', '/v1beta/models/gemini:streamGenerateContent')).toBeUndefined()
    expect(match('POST', '/model/arn:aws:bedrock:us-east-1:1:inference-profile/x.y/converse')).toEqual([
      'bedrock',
      { modelId: 'arn:aws:bedrock:us-east-1:1:inference-profile/x.y' },
    ])
    expect(match('GET', '/api/tagsx')).toBeUndefined()
  })

  test('another method on a known path is told apart from an unknown path', () => {
    expect(match('GET', '/v1/chat/completions')).toBeUndefined()
    expect(router.hasPath('/v1/chat/completions')).toBe(true)
    expect(router.hasPath('/tasks/t1')).toBe(true)
    expect(router.hasPath('/nowhere')).toBe(false)
  })

  test('a path asked again gets the same answer, with its own params object', () => {
    for (let i = 0; i < 3; i++) {
      expect(match('GET', '/tasks/t9')).toEqual(['task', { id: 't9' }])
      expect(match('POST', '/v1/chat/completions')).toEqual(['chat', {}])
      expect(match('GET', '/api/nothing')).toBeUndefined()
    }
    const first = router.match('GET', '/tasks/t9')!
    first.params.id = 'changed'
    expect(router.match('GET', '/tasks/t9')!.params).toEqual({ id: 't9' })
  })

  test('a route with an `accepts` predicate is asked on every request, before and after a match', () => {
    const byHeader: StaticSurface = {
      ...surface('byHeader', { method: 'POST', path: '/v1/messages' }),
      accepts: (headers) => headers.get('x-kind') === 'a',
    }
    const routed = new Router([byHeader, surface('fallback', { method: 'POST', path: '/v1/messages' })])
    const ask = (kind: string) =>
      routed.match('POST', '/v1/messages', { get: (name) => (name === 'x-kind' ? kind : null) })?.surface.id
    for (let i = 0; i < 3; i++) {
      expect(ask('a')).toBe('byHeader')
      expect(ask('b')).toBe('fallback')
    }
    // Without headers the predicate is not consulted: the first route of the path answers.
    expect(routed.match('POST', '/v1/messages')?.surface.id).toBe('byHeader')
  })
})
