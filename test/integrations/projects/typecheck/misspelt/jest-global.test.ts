import { standin } from 'standin/jest'

test('a misspelt matcher on the global expect', () => {
  expect(standin()).toHaveCaledTool('search') // error
})
