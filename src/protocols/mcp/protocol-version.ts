/**
 * MCP protocol revisions: the ones served, the negotiation, and what changed between them that the
 * transport must honour.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation
 * @module
 */

/** Newest first. `@modelcontextprotocol/sdk` 1.32 offers the first and accepts all of them. */
export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const

export const LATEST_MCP_PROTOCOL_VERSION = MCP_PROTOCOL_VERSIONS[0]

/** What a request without an `MCP-Protocol-Version` header is taken to speak (Streamable HTTP's rule). */
export const DEFAULT_HEADER_VERSION = '2025-03-26'

/** The client's version when served, else the latest: the client then decides whether to go on. */
export function negotiateVersion(requested: string): string {
  return (MCP_PROTOCOL_VERSIONS as readonly string[]).includes(requested)
    ? requested
    : LATEST_MCP_PROTOCOL_VERSION
}

export function isServedVersion(version: string): boolean {
  return (MCP_PROTOCOL_VERSIONS as readonly string[]).includes(version)
}

/** JSON-RPC batches were part of 2025-03-26 only among Streamable HTTP revisions (removed in 2025-06-18). */
export function allowsBatches(version: string): boolean {
  return version <= '2025-03-26'
}
