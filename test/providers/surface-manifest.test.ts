/**
 * The core serves the surfaces from a manifest (src/providers/manifest.ts) and loads their wire code with
 * the providers chunk on first use (src/providers/lazy.ts). The manifest must say what the real surfaces
 * say: ids, providers, kinds, routes and keys in the registry's order, and an `accepts` that claims the
 * same requests; the stand-ins must hand out the real surfaces' members.
 */
import { expect, test } from 'vitest'
import { SURFACES } from '../../src/providers'
import { deriveManifest, deriveWebSocketManifest } from '../../src/providers/derive-manifest'
import { SURFACE_MANIFEST, WEBSOCKET_MANIFEST } from '../../src/providers/manifest'
import { SURFACE_LIST } from '../../src/providers/surface-list'
import { WEBSOCKET_SURFACE_LIST } from '../../src/providers/websocket-surface-list'
import { WEBSOCKET_SURFACES } from '../../src/providers/websocket-surfaces'

const RERUN = 'out of date: run `node scripts/surface-manifest.mjs`'

test("the core's manifest is the real surfaces' (ids, order, kinds, routes, keys, accepts)", () => {
  expect(SURFACE_MANIFEST, RERUN).toEqual(deriveManifest(SURFACE_LIST))
  expect(WEBSOCKET_MANIFEST, RERUN).toEqual(deriveWebSocketManifest(WEBSOCKET_SURFACE_LIST))
  expect(SURFACE_MANIFEST.length).toBeGreaterThan(30)
  expect(SURFACE_MANIFEST.filter((e) => e.acceptsHeader).map((e) => e.id)).toEqual(['anthropic.models'])
})

test('each served surface stands in for the real one: same fields, same members, same claims', () => {
  expect(SURFACES.map((s) => s.id)).toEqual(SURFACE_LIST.map((s) => s.id))
  const headerSets = [
    {},
    { 'anthropic-version': '2023-06-01' },
    { 'anthropic-version': '' },
    { authorization: 'x' },
  ]
  for (const [i, served] of SURFACES.entries()) {
    const real = SURFACE_LIST[i]!
    expectSameMembers(served, real, 'routes', ['accepts'])
    for (const headers of headerSets) {
      const reader = { get: (name: string) => (headers as Record<string, string>)[name] ?? null }
      expect(served.accepts?.(reader) ?? true, served.id).toBe(real.accepts?.(reader) ?? true)
    }
  }
  // The core's own surfaces are the real objects, not stand-ins.
  const chat = SURFACES.find((s) => s.id === 'openai.chat')
  expect(chat).toBe(SURFACE_LIST.find((s) => s.id === 'openai.chat'))
  expect(Object.getOwnPropertyDescriptor(chat, 'decode')?.get).toBeUndefined()
  const messages = SURFACES.find((s) => s.id === 'anthropic.messages')
  expect(typeof Object.getOwnPropertyDescriptor(messages, 'decode')?.get).toBe('function')
})

test('each WebSocket surface stands in for the real one', () => {
  for (const [i, served] of WEBSOCKET_SURFACES.entries()) {
    const real = WEBSOCKET_SURFACE_LIST[i]!
    expectSameMembers(served, real, 'paths')
  }
  expect(WEBSOCKET_SURFACES.map((s) => s.id)).toEqual([
    'openai.realtime',
    'openai.responses-ws',
    'gemini.live',
    'vertex.live',
  ])
})

test("a manifest entry's accepts must be a header-presence check", () => {
  const surface = { ...SURFACE_LIST.find((s) => s.id === 'anthropic.models')! }
  surface.accepts = (headers) => headers.get('anthropic-version') === '2023-06-01'
  expect(() => deriveManifest([surface])).toThrow(/anthropic\.models: accepts\(\) is not a check/)
})

/**
 * The stand-in has the real surface's keys, and each member is the real one itself (`listKey`, the routes or
 * paths, a copy with equal contents; `skip`, members compared by behaviour instead).
 */
function expectSameMembers(
  served: { id: string },
  real: { id: string },
  listKey: string,
  skip: readonly string[] = [],
): void {
  expect(Object.keys(served).sort(), served.id).toEqual(Object.keys(real).sort())
  for (const key of Object.keys(real)) {
    if (skip.includes(key)) continue
    const value = (served as unknown as Record<string, unknown>)[key]
    const want = (real as unknown as Record<string, unknown>)[key]
    if (key === listKey) expect(value, served.id).toEqual(want)
    else expect(value, `${served.id}.${key}`).toBe(want)
  }
}
