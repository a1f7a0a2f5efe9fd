import { test, expect } from 'standin/vitest'
import { ask } from './tool-agent'

const aboutWeather = { query: expect.stringContaining('weather') }

test('passes: toHaveCalledTool when the app searched for the weather', async ({ standin }) => {
  await ask('what is the weather?')
  expect(standin).toHaveCalledTool('search', aboutWeather)
})

test('fails: toHaveCalledTool when the app searched for something else', async ({ standin }) => {
  await ask('how are my stocks?')
  expect(standin).toHaveCalledTool('search', aboutWeather)
})

test('passes: .not.toHaveCalledTool when the app searched for something else', async ({ standin }) => {
  await ask('how are my stocks?')
  expect(standin).not.toHaveCalledTool('search', aboutWeather)
})

test('fails: .not.toHaveCalledTool when the app searched for the weather', async ({ standin }) => {
  await ask('what is the weather?')
  expect(standin).not.toHaveCalledTool('search', aboutWeather)
})

test('fails: toHaveCalledTool when the model asked for the tool but the app never ran it', async ({
  standin,
}) => {
  await ask('what is the weather?', { runTools: false })
  expect(standin).toHaveCalledTool('search')
})
