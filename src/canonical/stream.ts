/**
 * Canonical stream events. The core cuts a {@link ChatResult} into these (chunk sizes and pacing are the
 * core's); a surface maps each event to its wire frames.
 * @module
 */
import type { ChatResult } from './response'

export type StreamEvent =
  | { type: 'start' }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'text-start'; index: number }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'text-end'; index: number }
  | { type: 'tool-call-start'; index: number; toolIndex: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; toolIndex: number; id: string; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number; toolIndex: number; id: string; name: string; arguments: string }
  | { type: 'finish'; result: ChatResult }
