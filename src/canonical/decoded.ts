/**
 * Canonical requests as a surface's `decode` returns them: all but `surface` and `provider`, which the
 * engine stamps from the surface that decoded them. Part of the provider contract, not of the model users
 * see, so the canonical index (and with it the public entries) leaves this file out.
 * @module
 */
import type { ChatRequest, EmbeddingRequest, ServiceRequest } from './request'

export type DecodedChat = Omit<ChatRequest, 'surface' | 'provider'>

export type DecodedEmbedding = Omit<EmbeddingRequest, 'surface' | 'provider'>

/** A service request as its surface decodes it (the union kept, each member without the stamped names). */
export type DecodedService = Unstamped<ServiceRequest>

type Unstamped<R> = R extends unknown ? Omit<R, 'surface' | 'provider'> : never
