// `relaydesk serve`: runs the relay with its control endpoint until stopped.
import { existsSync } from 'node:fs';
import type { ListenerView } from '../../api/contract';
import { createEngine, type Engine } from '../../index';
import { loadOrCreateToken, removeControlInfo, startControlServer, writeControlInfo, type ControlServer } from '../../http/index';
import type { CommandContext } from '../command';
import { CliError } from '../clients';
import { loadHostConfig } from '../host-config';

export interface ServeOptions {
  configPath?: string;
  /** The built console to serve (out/renderer), if present. */
  consoleDir?: string;
}

export interface RunningRelay {
  engine: Engine;
  control: ControlServer;
  /** Graceful stop: no new sessions, messages in DATA finish, store closed. */
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function serve({ dataDir, version, out }: CommandContext, options: ServeOptions): Promise<RunningRelay> {
  const config = loadHostConfig(dataDir, options.configPath);
  const engine = createEngine({
    config,
    dataDir,
    version,
    log: (level, message, details) => out.error(out.isJson
      ? JSON.stringify({ at: new Date().toISOString(), level, message, ...details })
      : `${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
  });
  let control: ControlServer | null = null;
  try {
    const listeners = await engine.start();
    if (listeners.length && listeners.every((listener) => listener.state === 'failed')) {
      throw new CliError(`No SMTP listener could start:\n  ${listeners.map((l) => l.error).join('\n  ')}`);
    }
    const token = loadOrCreateToken(dataDir);
    control = await startControlServer(engine.api, {
      host: config.control.host,
      port: config.control.port,
      token,
      allowedOrigins: config.control.allowedOrigins,
      consoleDir: options.consoleDir && existsSync(options.consoleDir) ? options.consoleDir : undefined,
      log: (level, message, details) => out.error(`${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
    }).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(error.code === 'EADDRINUSE'
        ? `The console port ${config.control.host}:${config.control.port} is in use; set control.port in the config.`
        : `The console endpoint could not start: ${error.message}`);
    });
    writeControlInfo(dataDir, { url: control.url, pid: process.pid, startedAt: Date.now(), host: 'headless' });
    const consoleUrl = `${control.url}/#token=${token}`;
    out.result({ event: 'listening', version, dataDir, listeners, console: { url: control.url, token }, emailApi: engine.emailApi }, () =>
      describeStart(version, dataDir, listeners, consoleUrl, engine.tls?.source === 'self-signed' ? engine.tls.certPath : null, engine.emailApi));
  } catch (error) {
    await control?.close();
    await engine.stop(0);
    throw error;
  }
  const running = control;
  return {
    engine,
    control: running,
    async stop() {
      removeControlInfo(dataDir);
      await running.close();
      await engine.stop(SHUTDOWN_GRACE_MS);
    },
  };
}

function describeStart(version: string, dataDir: string, listeners: ListenerView[], consoleUrl: string, selfSignedCert: string | null,
  emailApi: Engine['emailApi']): string {
  const tlsNames = { starttls: 'STARTTLS', implicit: 'implicit TLS', none: 'no TLS, trusted networks only' };
  return [
    `Relaydesk ${version} is running.`,
    ...listeners.map((l) => l.state === 'listening'
      ? `  SMTP ${l.name.padEnd(12)} ${l.host}:${l.port} (${tlsNames[l.tls]})`
      : `  SMTP ${l.name.padEnd(12)} FAILED: ${l.error}`),
    ...(emailApi ? [`  Email API         ${emailApi.url ?? `FAILED: ${emailApi.error}`}`] : []),
    `  Console           ${consoleUrl}`,
    `  Data              ${dataDir}`,
    ...(selfSignedCert ? [`  TLS certificate   self-signed, ${selfSignedCert} (clients must trust it or skip verification)`] : []),
    'Create a credential with `relaydesk credentials add <name>`; stop with Ctrl-C.',
  ].join('\n');
}
