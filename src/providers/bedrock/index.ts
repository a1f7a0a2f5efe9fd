import type { Surface } from '../provider'
import { converseSurface } from './converse'
import { invokeSurface } from './invoke'

/** AWS Bedrock Runtime: Converse and ConverseStream; InvokeModel (and its response stream) for Claude and Nova bodies. */
export const bedrockSurfaces: Surface[] = [converseSurface, invokeSurface]
