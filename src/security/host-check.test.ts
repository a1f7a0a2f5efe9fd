import { describe, expect, test } from 'vitest'
import { cachedHostCheck, isAllowedHost, isLoopbackHost } from './host-check'

describe('isLoopbackHost', () => {
  test('127.0.0.0/8, ::1 and localhost are loopback; wildcard and LAN addresses are not', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.com', '127.0.0.1.nip.io'])
      expect(isLoopbackHost(host), host).toBe(false)
  })
})

describe('isAllowedHost', () => {
  const allowed = isAllowedHost

  test('loopback names pass with any port or none', () => {
    for (const host of [
      '127.0.0.1:4010',
      '127.0.0.1',
      'localhost:4010',
      'LocalHost',
      'localhost.',
      'app.localhost:5173',
      '[::1]:4010',
      '127.9.9.9:1',
    ])
      expect(allowed(host), host).toBe(true)
  })

  test('a request without Host (HTTP/1.0) passes', () => {
    expect(allowed(undefined)).toBe(true)
  })

  test('any other name is refused, however it is dressed up', () => {
    for (const host of [
      'evil.example:4010',
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '127.0.0.1@evil.example',
      '192.168.1.20:4010',
      '',
      'bad host',
    ])
      expect(allowed(host), host).toBe(false)
  })

  test('an address written another way is read as the browser reads it', () => {
    // 2130706433 is 127.0.0.1 in decimal; URL parsing canonicalises it, as browsers do.
    expect(allowed('2130706433:4010')).toBe(true)
  })
})

describe('cachedHostCheck', () => {
  test('answers as isAllowedHost does, however many hosts it has seen', () => {
    const allowed = cachedHostCheck(4)
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) expect(allowed(`host-${i}.example`)).toBe(false)
      expect(allowed('127.0.0.1:4010')).toBe(true)
      expect(allowed(undefined)).toBe(true)
    }
  })

  test('a loopback name with a port (its fast path) answers as isAllowedHost does, at the port edges too', () => {
    const allowed = cachedHostCheck()
    const hosts = [
      '127.0.0.1:0',
      '127.0.0.1:65535',
      'localhost:00080',
      'localhost:65536',
      '127.0.0.1:99999',
      '127.0.0.1:',
      'localhost:000080',
      'localhost:80a',
      'localhost:8 0',
      '127.0.0.1:80\n',
      'LOCALHOST:80',
      '127.0.0.10:80',
    ]
    for (const host of hosts) expect(allowed(host), host).toBe(isAllowedHost(host))
    expect(allowed('localhost:65535')).toBe(true)
    expect(allowed('localhost:65536')).toBe(false)
  })
})
