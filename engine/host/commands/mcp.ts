// `relaydesk mcp --user <username>`: an MCP server on stdin/stdout for AI coding assistants,
// its tools scoped to one credential, talking to the running relay over its control socket.
// stdout carries the protocol, so nothing else may be printed there.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/index';
import { UsageError, type Command } from '../command';
import { CliError, openClient } from '../clients';
import { parseCommandArgs } from '../args';

const USAGE = `relaydesk mcp --user <username> [--data-dir DIR]
  The credential's secret, for sending, is read from $RELAYDESK_SECRET (never from the command line, which other users can see).`;

export const mcp: Command = async ({ dataDir, version }, args) => {
  const { values, positionals } = parseCommandArgs(args, { user: { type: 'string' } }, USAGE);
  const username = values.user;
  if (typeof username !== 'string' || positionals.length) throw new UsageError('--user is required: the credential the tools act as.', USAGE);
  // A long-running local engine would hold the data directory: the relay must be running.
  const opened = await openClient(dataDir, version, { needsRunningRelay: true });
  try {
    const credential = (await opened.client.call('credentials.list', {})).find((c) => c.username === username);
    if (!credential) throw new CliError(`No active credential "${username}"; create one with \`relaydesk credentials add\`.`);
    const server = createMcpServer(opened.client, { username, credentialId: credential.id, secret: process.env.RELAYDESK_SECRET || null }, version);
    const closed = new Promise<void>((resolve) => {
      server.server.onclose = () => resolve();
      // The assistant closing our stdin is how a stdio session ends (the SDK transport does not watch for it).
      process.stdin.once('end', () => void server.close());
      void opened.closed?.then(() => server.close());
    });
    await server.connect(new StdioServerTransport());
    await closed;
    return 0;
  } finally {
    await opened.close();
  }
};
