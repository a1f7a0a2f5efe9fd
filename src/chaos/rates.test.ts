import { expect, test } from 'vitest'
import { WireError } from '../errors'
import { headerRates } from './rates'

const reader = (headers: Record<string, string>) => ({ get: (name: string) => headers[name] ?? null })

test('each rate is read from its x-standin-chaos header, else the x-aimock-chaos one; none: undefined', () => {
  expect(headerRates(reader({}))).toBeUndefined()
  const rates = headerRates(
    reader({
      'x-standin-chaos-drop': '0.25',
      'x-aimock-chaos-drop': '1',
      'x-aimock-chaos-malformed': '0.5',
      'x-standin-chaos-disconnect': ' 0 ',
    }),
  )
  expect(rates).toEqual({ dropRate: 0.25, malformedRate: 0.5, disconnectRate: 0 })
})

test('a value that is not a number from 0 to 1 is a 400 naming its header', () => {
  const read = () => headerRates(reader({ 'x-aimock-chaos-disconnect': '2' }))
  expect(read).toThrow(WireError)
  expect(read).toThrow(expect.objectContaining({ status: 400 }))
  expect(read).toThrow('The x-standin-chaos-disconnect header must be a number from 0 to 1, got "2".')
  expect(() => headerRates(reader({ 'x-standin-chaos-malformed': ' ' }))).toThrow('x-standin-chaos-malformed')
})
