import { describe, expect, test } from 'vitest'
import { StandinError } from '../errors'
import { checkApiKey, checkControlToken, presentedKeys, Secrets } from './inbound-auth'

const url = (query = '') => new URL(`http://127.0.0.1:1/v1/x${query}`)
const keys = new Secrets(['sk-one', 'sk-two'], (i) => `auth.apiKeys[${i}]`)

describe('presentedKeys', () => {
  test('reads every carrier an SDK uses', () => {
    const headers = new Headers({
      authorization: 'Bearer a',
      'x-api-key': 'b',
      'x-goog-api-key': 'c',
      'api-key': ' d ',
      'xi-api-key': 'e',
    })
    expect(presentedKeys(headers, url('?key=f'))).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })

  test('a SigV4 request presents its access key id (header or presigned query), never its secret', () => {
    const signed = new Headers({
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc',
    })
    expect(presentedKeys(signed, url())).toEqual(['AKIDEXAMPLE'])
    expect(presentedKeys(new Headers(), url('?X-Amz-Credential=AKIDQUERY%2F20260101%2Fus-east-1'))).toEqual([
      'AKIDQUERY',
    ])
  })

  test('an Authorization scheme it cannot read is invalid, not ignored', () => {
    expect(presentedKeys(new Headers({ authorization: 'Basic dXNlcjpwYXNz' }), url())).toBe('invalid')
    expect(presentedKeys(new Headers({ authorization: 'Bearer' }), url())).toBe('invalid')
  })
})

describe('checkApiKey', () => {
  test('passes when every key presented is configured', () => {
    expect(checkApiKey(new Headers({ authorization: 'Bearer sk-two' }), url(), keys)).toBeUndefined()
    expect(checkApiKey(new Headers({ 'x-api-key': 'sk-one' }), url('?key=sk-two'), keys)).toBeUndefined()
  })

  test('says why it refuses: no key at all, or one that is not configured', () => {
    expect(checkApiKey(new Headers(), url(), keys)).toBe('missing')
    expect(checkApiKey(new Headers({ 'x-api-key': 'sk-three' }), url(), keys)).toBe('invalid')
    expect(checkApiKey(new Headers({ 'x-api-key': 'sk-one' }), url('?key=nope'), keys)).toBe('invalid')
    expect(checkApiKey(new Headers({ authorization: 'Bearer sk-one-and-more' }), url(), keys)).toBe('invalid')
  })
})

describe('checkControlToken', () => {
  const token = new Secrets(['ctl'], () => 'auth.controlToken')
  test('takes x-standin-token or a Bearer token', () => {
    expect(checkControlToken(new Headers({ 'x-standin-token': 'ctl' }), token)).toBeUndefined()
    expect(checkControlToken(new Headers({ authorization: 'Bearer ctl' }), token)).toBeUndefined()
    expect(checkControlToken(new Headers(), token)).toBe('missing')
    expect(checkControlToken(new Headers({ authorization: 'Bearer other' }), token)).toBe('invalid')
  })
})

describe('Secrets', () => {
  test('an empty or control-character secret is a typed error naming it', () => {
    expect(() => new Secrets(['ok', ' '], (i) => `auth.apiKeys[${i}]`)).toThrow(
      /auth\.apiKeys\[1\] must be a non-empty string/,
    )
    expect(() => new Secrets(['a\nb'], () => 'auth.controlToken')).toThrow(StandinError)
  })

  test('surrounding white space is not part of a secret', () => {
    expect(new Secrets([' sk-one '], () => 'k').has('sk-one')).toBe(true)
  })
})
