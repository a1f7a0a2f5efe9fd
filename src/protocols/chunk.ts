/**
 * The protocols chunk: the MCP, A2A and AG-UI mocks, which most processes never create. In the package it
 * is its own file (`dist/internal/chunk-protocols.js`), loaded through the code-cache loader when one of
 * these factories is first called (scripts/build/chunks.ts); it may export only plain functions (the
 * core's stubs wrap each one). Their config schemas, constants and the mount table stay in the core.
 * @module
 */
export { createA2aServer } from './a2a/a2a-server'
export { createAguiServer } from './agui/agui-server'
export { createMcpServer } from './mcp/mcp-server'
