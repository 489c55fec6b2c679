// Opens a contract client for a CLI command: the running engine over its control
// socket when one holds the data directory, otherwise an engine opened in-process.
import type { ApiClient } from '../api/contract';
import { createEngine } from '../index';
import { lockHolder } from '../store/index';
import { readControlInfo, readToken } from '../http/index';
import { connectRemote } from './ws-client';
import { loadHostConfig } from './host-config';

export interface OpenClient {
  client: ApiClient;
  /** `remote`: a running relay; `local`: the store opened by this command. */
  mode: 'remote' | 'local';
  close(): Promise<void>;
  closed?: Promise<void>;
}

export class CliError extends Error {}

export async function openClient(dataDir: string, version: string, options: { needsRunningRelay?: boolean } = {}): Promise<OpenClient> {
  const holder = lockHolder(dataDir);
  if (holder !== null) {
    const info = readControlInfo(dataDir);
    if (!info || info.pid !== holder) {
      throw new CliError(`A Relaydesk (pid ${holder}) is using ${dataDir} but has not published its control endpoint yet; try again.`);
    }
    const token = readToken(dataDir);
    if (!token) throw new CliError(`The access token of ${dataDir} is missing; restart the relay to recreate it.`);
    const remote = await connectRemote(info.url, token);
    return { client: remote.client, mode: 'remote', close: async () => remote.close(), closed: remote.closed };
  }
  if (options.needsRunningRelay) {
    throw new CliError(`No Relaydesk is running with data directory ${dataDir}. Start one with \`relaydesk serve\`.`);
  }
  const engine = createEngine({ config: loadHostConfig(dataDir, undefined), dataDir, version });
  return { client: engine.client, mode: 'local', close: () => engine.stop(0) };
}

/** Runs `work` with a client and always closes it; the command's exit code is 0. */
export async function withClient(dataDir: string, version: string, work: (client: ApiClient) => Promise<void>): Promise<number> {
  const opened = await openClient(dataDir, version);
  try {
    await work(opened.client);
    return 0;
  } finally {
    await opened.close();
  }
}
