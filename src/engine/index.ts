/**
 * The engine folder: the pipeline's stages, one file each.
 * @module
 */
export { Engine } from './engine'
export type { EngineOptions } from './options'
export type { EngineSeams, SeamContext, SeamReply } from './seams'
