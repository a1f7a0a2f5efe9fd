import { describe, expect, test } from 'vitest'
import { REDACTED, isCredentialHeader, redactHeaderRecord, redactHeaders, redactPath } from './redact'

describe('redactHeaders', () => {
  test("replaces every provider's credential header and keeps the rest", () => {
    const headers = redactHeaders([
      ['authorization', 'Bearer sk-1'],
      ['x-api-key', 'sk-ant-2'],
      ['api-key', 'azure-3'],
      ['x-goog-api-key', 'AIza-4'],
      ['xi-api-key', 'eleven-5'],
      ['x-amz-security-token', 'FwoG-6'],
      ['x-standin-token', 'control-7'],
      ['cookie', 'session=8'],
      ['proxy-authorization', 'Basic 9'],
      ['x-chroma-token', 'chroma-10'],
      ['x-openai-api-key', 'weaviate-11'],
      ['content-type', 'application/json'],
      ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD'],
      ['x-amz-date', '20260101T000000Z'],
      ['x-standin-session', 'alice'],
      ['idempotency-key', 'retry-1'],
    ])
    expect(Object.values(headers).filter((v) => v === REDACTED)).toHaveLength(11)
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amz-date': '20260101T000000Z',
      'x-standin-session': 'alice',
      'idempotency-key': 'retry-1',
    })
  })

  test('names are compared without regard to case', () => {
    expect(isCredentialHeader('X-Goog-Api-Key')).toBe(true)
    expect(isCredentialHeader('Authorization')).toBe(true)
    expect(isCredentialHeader('X-Request-Id')).toBe(false)
  })
})

describe('redactHeaderRecord', () => {
  test("gives what redactHeaders gives for the same headers as pairs (node's record, arrays, pseudo-headers)", () => {
    const record: Record<string, string | string[] | undefined> = {
      ':method': 'POST',
      ':path': '/v1/chat/completions',
      host: '127.0.0.1:4010',
      authorization: 'Bearer sk-1',
      'x-api-key': 'sk-ant-2',
      'content-type': 'application/json',
      'sec-websocket-protocol': 'realtime, openai-insecure-api-key.sk-3, openai-beta.realtime-v1',
      'x-forwarded-for': ['10.0.0.1', '10.0.0.2'],
      'x-empty': undefined,
      'x-standin-session': 'alice',
    }
    const pairs: [string, string][] = [
      ['host', '127.0.0.1:4010'],
      ['authorization', 'Bearer sk-1'],
      ['x-api-key', 'sk-ant-2'],
      ['content-type', 'application/json'],
      ['sec-websocket-protocol', 'realtime, openai-insecure-api-key.sk-3, openai-beta.realtime-v1'],
      ['x-forwarded-for', '10.0.0.1, 10.0.0.2'],
      ['x-empty', ''],
      ['x-standin-session', 'alice'],
    ]
    const redacted = redactHeaderRecord(record)
    expect(redacted).toStrictEqual(redactHeaders(pairs))
    expect(Object.keys(redacted)).toEqual(pairs.map(([name]) => name))
    expect(redacted.authorization).toBe(REDACTED)
    expect(redacted['sec-websocket-protocol']).toBe(
      `realtime, openai-insecure-api-key.${REDACTED}, openai-beta.realtime-v1`,
    )
  })
})

describe('redactPath', () => {
  test("hides Gemini's ?key= and keeps the other parameters as sent", () => {
    expect(redactPath('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=AIzaSECRET')).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=[redacted]',
    )
  })

  test('hides every credential parameter, however its name is spelt or encoded', () => {
    const path = redactPath(
      '/x?api_key=a&API-KEY=b&apikey=c&access_token=d&token=e&X-Amz-Credential=AKID%2F20260101' +
        '&X-Amz-Signature=f&X-Amz-Security-Token=g&%6Bey=h&pageToken=keep&q=a%20b',
    )
    for (const secret of ['=a&', '=b&', '=c&', '=d&', '=e&', 'AKID', '=f&', '=g&', '=h&'])
      expect(path).not.toContain(secret)
    expect(path).toContain('pageToken=keep&q=a%20b')
    expect(path.match(/\[redacted\]/g)).toHaveLength(9)
  })

  test('a path without a query, or with a bare flag, is unchanged', () => {
    expect(redactPath('/v1/chat/completions')).toBe('/v1/chat/completions')
    expect(redactPath('/x?stream&alt=sse')).toBe('/x?stream&alt=sse')
    expect(redactPath('/x?key')).toBe('/x?key=[redacted]')
  })

  test('a malformed escape in a name does not throw', () => {
    expect(redactPath('/x?%E0%A4%A=1&key=2')).toBe('/x?%E0%A4%A=1&key=[redacted]')
  })
})

test("a key carried as OpenAI's browser subprotocol is redacted, the other subprotocols kept", () => {
  const headers = redactHeaders([['sec-websocket-protocol', 'realtime, openai-insecure-api-key.sk-123, x']])
  expect(headers['sec-websocket-protocol']).toBe('realtime, openai-insecure-api-key.[redacted], x')
})
