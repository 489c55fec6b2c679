// `relaydesk mcp` spawned as an assistant would spawn it, spoken to over stdio with the MCP
// SDK's own client, against a running relay: every tool, scoped to one credential.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { connectRemote, type RemoteClient } from '../../../engine/host/ws-client';
import { CLI_PATH, startHostProcess, type HostProcess } from '../../support/host-process';
import { runCli } from '../../support/process';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { submit } from '../../support/submit';
import { eventually } from '../../support/wait';

let host: HostProcess;
let remote: RemoteClient;
let mine: CredentialIssued;
let theirs: CredentialIssued;
let mcp: Client;
let theirMessage: string;

type TextResult = { content: Array<{ type: string; text: string }>; isError?: boolean };
async function tool<T>(name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = (await mcp.callTool({ name, arguments: args })) as TextResult;
  if (result.isError) throw new Error(result.content[0]!.text);
  return JSON.parse(result.content[0]!.text) as T;
}

beforeAll(async () => {
  host = await startHostProcess(tempDir(), {
    hostname: 'relay.test', listeners: [{ name: 'submission', port: 0, tls: 'starttls' }], control: { port: 0 }, auth: { failureDelayMs: 0 },
  });
  remote = await connectRemote(host.consoleUrl.split('#')[0]!.replace(/\/$/, ''), host.token);
  mine = await remote.client.call('credentials.add', { name: 'assistant' });
  theirs = await remote.client.call('credentials.add', { name: 'someone-else' });
  theirMessage = (await submit({ port: host.port('submission'), auth: { user: theirs.username, pass: theirs.secret }, from: 'other@shop.test', to: ['x@dest.test'] })).queueId;
  mcp = new Client({ name: 'relaydesk-test', version: '1.0.0' });
  await mcp.connect(new StdioClientTransport({
    command: process.execPath, args: [CLI_PATH, 'mcp', '--user', mine.username, '--data-dir', host.dataDir],
    env: { ...process.env, RELAYDESK_SECRET: mine.secret } as Record<string, string>, stderr: 'pipe',
  }));
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  remote?.close();
  await host?.stop();
  removeTempDirs();
});

describe('relaydesk mcp', () => {
  it('offers the tools', async () => {
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_delivery_status', 'get_queue_status', 'inspect_message', 'list_sandbox_messages', 'send_test_message']);
    expect(tools.find((t) => t.name === 'send_test_message')!.inputSchema.required).toEqual(['to', 'from']);
  });

  it('sends a test message as its credential, lists it in the sandbox and inspects it with its transcript', async () => {
    const sent = await tool<{ messageId: string; sessionId: string; route: string }>('send_test_message', {
      to: ['dev@dest.test'], from: 'app@shop.test', subject: 'From an assistant', html: '<p style="display:flex">Hi</p>',
    });
    expect(sent.route).toBe('sandbox');
    const listed = await eventually(async () => {
      const page = await tool<{ items: Array<{ id: string; recipients: Array<{ state: string }> }> }>('list_sandbox_messages');
      return page.items[0]?.recipients[0]?.state === 'delivered' ? page : undefined;
    }, 'the test message captured');
    expect(listed.items.map((m) => m.id)).toEqual([sent.messageId]);

    const inspected = await tool<{ subject: string; html: string; submissionTranscript: string[]; recipients: unknown[]; inspection: { compatibility: { features: Array<{ slug: string }> } } }>(
      'inspect_message', { id: sent.messageId, inspect: true });
    expect(inspected).toMatchObject({ subject: 'From an assistant', recipients: [{ address: 'dev@dest.test', state: 'delivered' }] });
    expect(inspected.html).toContain('display:flex');
    expect(inspected.submissionTranscript.join('\n')).toContain(`authenticated as ${mine.username}`);
    expect(inspected.inspection.compatibility.features.map((f) => f.slug)).toEqual(['css-display-flex']);
  });

  it('reads delivery and queue status', async () => {
    const { items } = await tool<{ items: Array<{ id: string }> }>('list_sandbox_messages');
    const status = await tool<{ route: string; recipients: Array<{ address: string; state: string }>; attempts: Array<{ verdict: string }> }>('get_delivery_status', { id: items[0]!.id });
    expect(status).toMatchObject({ route: 'sandbox', recipients: [expect.objectContaining({ address: 'dev@dest.test', state: 'delivered' })], attempts: [{ verdict: 'delivered' }] });
    const queue = await tool<{ deliveryMode: string; queue: Record<string, Record<string, number>> }>('get_queue_status');
    expect(queue.deliveryMode).toBe('sandbox');
    expect(queue.queue.transactional!.delivered).toBeGreaterThanOrEqual(2);
  });

  it('sees nothing of another credential\'s mail', async () => {
    await expect(tool('inspect_message', { id: theirMessage })).rejects.toThrow(`No message with queue id ${theirMessage} for credential ${mine.username}.`);
    await expect(tool('get_delivery_status', { id: theirMessage })).rejects.toThrow(/No message with queue id/);
  });

  it('refuses to start without a running relay or with an unknown credential', async () => {
    const stopped = await runCli(tempDir(), ['mcp', '--user', mine.username]);
    expect(stopped).toMatchObject({ code: 1, stdout: '' });
    expect(stopped.stderr).toMatch(/No Relaydesk is running/);
    const unknown = await runCli(host.dataDir, ['mcp', '--user', 'nobody']);
    expect(unknown.stderr).toMatch(/No active credential "nobody"/);
  });
});
