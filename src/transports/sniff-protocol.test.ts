import { describe, expect, test } from 'vitest'
import { sniffProtocol } from './sniff-protocol'

const bytes = (text: string) => Buffer.from(text, 'latin1')

describe('sniffProtocol', () => {
  test('the h2c connection preface is HTTP/2', () => {
    expect(sniffProtocol(bytes('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'))).toBe('h2')
  })

  test('a request line is HTTP/1.1 from its first differing byte', () => {
    expect(sniffProtocol(bytes('GET / HTTP/1.1\r\n'))).toBe('http1')
    expect(sniffProtocol(bytes('G'))).toBe('http1')
    expect(sniffProtocol(bytes('PUT / HTTP/1.1'))).toBe('http1')
    expect(sniffProtocol(bytes('PR'))).toBeUndefined()
  })

  test('a preface split across packets is not decided until it can be', () => {
    expect(sniffProtocol(bytes(''))).toBeUndefined()
    expect(sniffProtocol(bytes('P'))).toBeUndefined()
    expect(sniffProtocol(bytes('PRI'))).toBeUndefined()
    expect(sniffProtocol(bytes('PRI '))).toBe('h2')
  })
})
