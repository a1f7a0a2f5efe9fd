/**
 * Every provider's conformance adapter. One line per provider; each helper adds its own.
 */
import type { ClientFactory } from '../client'
import { aiSdkAnthropic } from './ai-sdk-anthropic'
import { anthropic } from './anthropic'
import { azure } from './azure'
import { bedrockConverse } from './bedrock-converse'
import { aiSdkGoogle } from './ai-sdk-google'
import { gemini, vertexGemini } from './gemini'
import { ollama } from './ollama'
import { cohere } from './cohere'
import { openaiChat } from './openai-chat'
import { openaiResponses } from './openai-responses'
import { openrouter } from './openrouter'
import { aiSdkOpenAI } from './ai-sdk-openai'

export const CLIENTS: Array<{ name: string; create: ClientFactory }> = [
  { name: 'openai chat', create: openaiChat },
  { name: 'azure', create: azure },
  { name: 'openrouter', create: openrouter },
  { name: 'openai responses', create: openaiResponses },
  { name: 'openai responses via ai', create: aiSdkOpenAI },
  { name: 'bedrock converse', create: bedrockConverse },
  { name: 'anthropic', create: anthropic },
  { name: 'anthropic via ai', create: aiSdkAnthropic },
  { name: 'gemini', create: gemini },
  { name: 'gemini via ai', create: aiSdkGoogle },
  { name: 'vertex gemini', create: vertexGemini },
  { name: 'ollama', create: ollama },
  { name: 'cohere', create: cohere },
]
