// An MCP server (Model Context Protocol, official TypeScript SDK) for AI coding assistants:
// send a test message, list sandbox mail, inspect a message with its transcripts, and read
// queue and delivery status. Every message-level tool is scoped to one credential: it sees
// only that credential's mail, as a hosted provider's API key would.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ApiClient, MessageDetail } from '../api/contract';

export interface McpScope {
  username: string;
  credentialId: number;
  /** The credential's secret, for SMTP AUTH when sending; null when it was not given. */
  secret: string | null;
}

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

/** Message bodies are cut here: an assistant needs what the message says, not megabytes of it. */
const MAX_BODY_CHARS = 20_000;

const json = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });

async function run(work: () => Promise<unknown>): Promise<ToolResult> {
  try {
    return json(await work());
  } catch (error) {
    return { content: [{ type: 'text', text: (error as Error).message }], isError: true };
  }
}

export function createMcpServer(client: ApiClient, scope: McpScope, version: string): McpServer {
  const server = new McpServer({ name: 'relaydesk', version });

  const ownMessage = async (id: string): Promise<MessageDetail> => {
    const detail = await client.call('message.get', { id });
    // The same answer as for an unknown id: another credential's mail is not even confirmed to exist.
    if (detail.credentialId !== scope.credentialId) throw new Error(`No message with queue id ${id} for credential ${scope.username}.`);
    return detail;
  };

  server.registerTool('send_test_message', {
    title: 'Send a test message',
    description: `Submits a message over SMTP to this Relaydesk relay as credential ${scope.username}, exactly as an application would. Returns its queue id.`,
    inputSchema: { to: z.array(z.string()).min(1).max(10), from: z.string(), subject: z.string().optional(), text: z.string().optional(), html: z.string().optional() },
  }, (input) => run(async () => {
    if (!scope.secret) throw new Error('Sending needs the credential\'s secret: start the MCP server with RELAYDESK_SECRET set.');
    return client.call('sandbox.sendTest', { username: scope.username, secret: scope.secret, ...input });
  }));

  server.registerTool('list_sandbox_messages', {
    title: 'List sandbox messages',
    description: `Messages of credential ${scope.username} captured by the sandbox route (never delivered), newest first, with each recipient's state.`,
    inputSchema: { search: z.string().optional(), limit: z.number().int().min(1).max(100).optional() },
  }, ({ search, limit }) => run(() => client.call('sandbox.messages', { credentialId: scope.credentialId, ...(search && { search }), limit: limit ?? 20 })));

  server.registerTool('inspect_message', {
    title: 'Inspect a message',
    description: 'One message of this credential: headers, text and HTML, recipients, the SMTP transcript of its submission and of every delivery attempt; with `inspect`, also HTML compatibility, links, spam score and SPF/DKIM/DMARC (sandbox messages).',
    inputSchema: { id: z.string(), inspect: z.boolean().optional() },
  }, ({ id, inspect }) => run(async () => {
    const detail = await ownMessage(id);
    const parts = detail.isRawAvailable ? await client.call('message.parts', { id }) : null;
    const sessions = [...new Set(detail.attempts.map((attempt) => attempt.sessionId).filter((s): s is string => s !== null))];
    const deliveries = await Promise.all(sessions.map(async (sessionId) => ({
      sessionId, lines: (await client.call('sessions.get', { id: sessionId })).lines.map((line) => `${line.kind} ${line.text}`),
    })));
    return {
      id, route: detail.route, stream: detail.stream, mailFrom: detail.mailFrom, subject: detail.subject, headers: detail.headers,
      text: parts?.text?.slice(0, MAX_BODY_CHARS) ?? null, html: parts?.html?.slice(0, MAX_BODY_CHARS) ?? null,
      attachments: parts?.attachments ?? [],
      recipients: detail.recipients.map((r) => ({ address: r.address, state: r.state, lastReply: r.lastReply, reason: r.reason })),
      submissionTranscript: detail.transcript.map((line) => `${line.kind} ${line.text}`),
      deliveryTranscripts: deliveries,
      ...(inspect && { inspection: await client.call('sandbox.inspect', { id }) }),
    };
  }));

  server.registerTool('get_delivery_status', {
    title: 'Delivery status of a message',
    description: 'Where each recipient of one of this credential\'s messages stands (queued, deferred, delivered, bounced, ...), why, and every delivery attempt with the receiving server\'s reply.',
    inputSchema: { id: z.string() },
  }, ({ id }) => run(async () => {
    const detail = await ownMessage(id);
    const explanations = new Map((await client.call('message.explain', { id })).map((e) => [e.recipientId, e]));
    return {
      id, route: detail.route,
      recipients: detail.recipients.map((r) => ({
        address: r.address, state: r.state, lastReply: r.lastReply,
        why: explanations.get(r.recipientId)?.headline ?? r.reason, details: explanations.get(r.recipientId)?.details ?? [],
      })),
      attempts: detail.attempts.map((a) => ({ at: new Date(a.at).toISOString(), recipientId: a.recipientId, route: a.route, mxHost: a.mxHost, verdict: a.verdict, reply: a.reply, summary: a.summary })),
    };
  }));

  server.registerTool('get_queue_status', {
    title: 'Queue status',
    description: 'The relay\'s queue: recipients per stream and state, the delivery mode (sandbox or live) and pauses. Counts only, across every credential.',
    inputSchema: {},
  }, () => run(async () => {
    const status = await client.call('engine.status', {});
    return { deliveryMode: status.delivery.mode, queue: status.queue, inFlight: status.delivery.inFlight, pauses: status.delivery.pauses };
  }));

  return server;
}
