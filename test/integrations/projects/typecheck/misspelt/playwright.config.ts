import { defineConfig } from '@playwright/test'
import type { StandinOptions } from 'standin/playwright'

export default defineConfig<StandinOptions>({
  use: { standinMod: 'shared' }, // error
})
