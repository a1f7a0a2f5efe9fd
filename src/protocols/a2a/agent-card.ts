/**
 * An agent's card, readable by v1.0 clients (`supportedInterfaces`, the JSON-RPC endpoint offered in both
 * protocol versions, 1.0 first) and by v0.3 clients (`url`, `protocolVersion`, `preferredTransport`).
 * @see https://a2a-protocol.org/v1.0.0/specification/#441-agentcard
 * @see https://a2a-protocol.org/v0.3.0/specification/#55-agentcard-object-structure
 * @module
 */
import type { A2aAgentDefinitionParsed } from './schema'

/** The protocol versions served on every agent's endpoint, preferred first. */
export const A2A_PROTOCOL_VERSIONS = ['1.0', '0.3'] as const

export function agentCard(agent: A2aAgentDefinitionParsed, endpoint: string): Record<string, unknown> {
  const { name, skills = [], capabilities, provider, documentationUrl, iconUrl } = agent
  return {
    name,
    description: agent.description ?? `${name}, served by standin`,
    version: agent.version ?? '1.0.0',
    supportedInterfaces: A2A_PROTOCOL_VERSIONS.map((protocolVersion) => ({
      url: endpoint,
      protocolBinding: 'JSONRPC',
      protocolVersion,
    })),
    // Where v0.3 clients look; v1.0 clients read `supportedInterfaces` when it is present.
    url: endpoint,
    protocolVersion: '0.3.0',
    preferredTransport: 'JSONRPC',
    capabilities: { streaming: capabilities?.streaming ?? true, pushNotifications: false },
    defaultInputModes: agent.defaultInputModes ?? ['text/plain'],
    defaultOutputModes: agent.defaultOutputModes ?? ['text/plain'],
    // v0.3 requires a description and tags on every skill.
    skills: skills.map((skill) => ({
      ...skill,
      description: skill.description ?? skill.name,
      tags: skill.tags ?? [],
    })),
    ...(provider && { provider }),
    ...(documentationUrl && { documentationUrl }),
    ...(iconUrl && { iconUrl }),
  }
}
