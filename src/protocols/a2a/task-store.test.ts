import { expect, test } from 'vitest'
import { MAX_TASKS, taskStore, type TaskRecord } from './task-store'

test('a session keeps at most MAX_TASKS tasks, forgetting the oldest first', () => {
  const memory = new Map<string, unknown>()
  const tasks = taskStore(memory)
  for (let i = 0; i <= MAX_TASKS; i++) tasks.set(`t${i}`, { agent: 'a' } as TaskRecord)
  expect(tasks.size).toBe(MAX_TASKS)
  expect(tasks.has('t0')).toBe(false)
  expect(tasks.has(`t${MAX_TASKS}`)).toBe(true)
  expect(taskStore(memory)).toBe(tasks)
})
