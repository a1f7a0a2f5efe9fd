/**
 * Every provider's conformance adapter. One line per provider; each helper adds its own.
 */
import type { ClientFactory } from '../client'
import { openaiChat } from './openai-chat'

export const CLIENTS: Array<{ name: string; create: ClientFactory }> = [
  { name: 'openai chat', create: openaiChat },
]
