// MCP capability: the tools AI assistants use against this relay, scoped to a credential.
export { createMcpServer } from './server';
export type { McpScope } from './server';
