/**
 * Deliberately failing: the driver checks that the report carries this test's journal (and only this
 * test's), and that the passing test next to it carries none (standinAttach: 'retain-on-failure').
 */
import { test, expect } from 'standin/playwright'
import { askWithTools } from './tool-loop'

test('deliberately fails: expects a weather search but the app searched sports', async ({ standin }) => {
  await askWithTools(`${standin.baseUrl}/v1`, 'sports results, failing test', standin.headers)

  await expect(standin).toHaveCalledTool(
    'search',
    { query: expect.stringContaining('weather') },
    { timeout: 500 },
  )
})

test('passes: no journal attached', async ({ standin }) => {
  await askWithTools(`${standin.baseUrl}/v1`, 'weather, passing test', standin.headers)

  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
})
