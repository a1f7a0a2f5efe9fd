/**
 * The node server routes on the request target's path and query without making a URL when `new URL` would
 * keep them as they are (`isPlainTarget`); anything else goes through `new URL`. Every target the fast
 * path takes must give exactly `new URL`'s pathname and search.
 */
import { expect, test } from 'vitest'
import { isPlainTarget } from './node-server'

const TARGETS = [
  '/',
  '/v1/chat/completions',
  '/v1/chat/completions?',
  '/v1/chat/completions?api-version=2024-10-21',
  '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21&x=%20y',
  "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=abc'",
  '/model/anthropic.claude-3-haiku-20240307-v1:0/converse',
  '/model/arn:aws:bedrock:us-east-1:123:inference-profile%2Fx/converse',
  '/.well-known/agent-card.json',
  '/a/./b',
  '/a/../b',
  '/a/..',
  '/a/.',
  '/a/.%2e/b',
  '//evil.example/path',
  '/a//b',
  '/a\\b',
  '/a b',
  '/a"b',
  '/a{b}',
  '/é',
  '/a#frag',
  '/a?b#frag',
  '/a?b c',
  '/a?b"c',
  '/a?q=<x>',
  '/a?x=1?y=2',
  '/__standin/journal?session=s1',
  "/it's/fine",
  '/a;b=c,d',
  '*',
  'http://other.example/v1/chat/completions',
  '',
]

test('the fast path gives new URL’s pathname and search for every target it takes', () => {
  let taken = 0
  for (const target of TARGETS) {
    if (!isPlainTarget(target)) continue
    taken++
    const url = new URL(target, 'http://127.0.0.1:4010')
    const query = target.indexOf('?')
    const pathname = query < 0 ? target : target.slice(0, query)
    const search = query < 0 || query === target.length - 1 ? '' : target.slice(query)
    expect([target, pathname, search]).toEqual([target, url.pathname, url.search])
  }
  expect(taken).toBeGreaterThan(10)
})

test('targets new URL rewrites are left to it', () => {
  for (const target of [
    '/a/../b',
    '/a/.',
    '//evil.example/path',
    '/a\\b',
    '/a b',
    '/é',
    '/a#frag',
    '/a?b c',
    '*',
  ])
    expect(isPlainTarget(target)).toBe(false)
})

test('a target asked again gets the same answer, between other targets', () => {
  for (let round = 0; round < 2; round++) {
    for (const target of TARGETS) {
      const url = new URL(target, 'http://127.0.0.1:4010')
      const first = isPlainTarget(target)
      expect([target, isPlainTarget(target)]).toEqual([target, first])
      if (first) expect(url.pathname + url.search).toBe(target.endsWith('?') ? target.slice(0, -1) : target)
    }
  }
})
