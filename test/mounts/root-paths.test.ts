import { expect, test } from 'vitest'
import type { MountSurface } from '../../src'
import { MountTable } from '../../src/protocols/mounts/mount-table'

const surface = (id: string, rootPaths?: string[]): MountSurface => ({
  kind: 'mount',
  id,
  provider: id,
  rootPaths,
  serve: async () => ({ reply: { status: 200, headers: {}, body: id } }),
})

test('a root path reaches its server as if requested below the mount point', () => {
  const table = new MountTable()
  const a2a = surface('a2a', ['/.well-known/agent-card.json'])
  table.add('/a2a', a2a)
  expect(table.match('/.well-known/agent-card.json')).toEqual({
    surface: a2a,
    base: '/a2a',
    path: '/.well-known/agent-card.json',
  })
  // Exact paths only.
  expect(table.match('/.well-known/agent-card.json/x')).toBeUndefined()
  expect(table.match('/.well-known')).toBeUndefined()
})

test('mount paths win over root paths; unmounting or replacing a server drops its root paths', () => {
  const table = new MountTable()
  table.add('/a2a', surface('a2a', ['/.well-known/agent-card.json']))
  const everything = surface('root')
  table.add('/', everything)
  expect(table.match('/.well-known/agent-card.json')?.surface).toBe(everything)
  table.remove('/')
  expect(table.match('/.well-known/agent-card.json')?.surface.id).toBe('a2a')
  table.add('/a2a', surface('other'))
  expect(table.match('/.well-known/agent-card.json')).toBeUndefined()
  table.add('/agents', surface('a2a', ['/.well-known/agent-card.json']))
  table.remove('/agents')
  expect(table.match('/.well-known/agent-card.json')).toBeUndefined()
})
