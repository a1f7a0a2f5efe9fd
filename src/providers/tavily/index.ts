import type { Surface } from '../provider'
import { extractSurface } from './extract'
import { searchSurface } from './search'

/** Tavily's web search and page extraction (`@tavily/core` with `apiBaseURL` set to the mock). */
export const tavilySurfaces: Surface[] = [searchSurface, extractSurface]
