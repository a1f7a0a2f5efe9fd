import { describe, expect, test } from 'vitest'
import { resolveServeAuth } from './serve-auth'

describe('resolveServeAuth', () => {
  const config = { apiKeys: ['from-config'], controlToken: 'config-token' }

  test('flags win over the environment, which wins over the config', () => {
    const env = { STANDIN_API_KEYS: 'env-a, env-b', STANDIN_CONTROL_TOKEN: 'env-token' }
    expect(resolveServeAuth({ apiKeys: ['flag'], controlToken: 'flag-token' }, config, env)).toEqual({
      apiKeys: ['flag'],
      controlToken: 'flag-token',
    })
    expect(resolveServeAuth({}, config, env)).toEqual({
      apiKeys: ['env-a', 'env-b'],
      controlToken: 'env-token',
    })
    expect(resolveServeAuth({}, config, {})).toEqual(config)
  })

  test("the seed's AIMOCK_API_KEYS is read when STANDIN_API_KEYS is not set", () => {
    expect(resolveServeAuth({}, undefined, { AIMOCK_API_KEYS: 'a,,b ' })).toEqual({ apiKeys: ['a', 'b'] })
    expect(resolveServeAuth({}, undefined, { AIMOCK_API_KEYS: 'a', STANDIN_API_KEYS: 'b' })).toEqual({
      apiKeys: ['b'],
    })
  })

  test('nothing configured, or variables set empty, means no check', () => {
    expect(resolveServeAuth({}, undefined, {})).toBeUndefined()
    expect(
      resolveServeAuth({}, undefined, { STANDIN_API_KEYS: ' , ', STANDIN_CONTROL_TOKEN: '' }),
    ).toBeUndefined()
  })
})
