// Runs the one in-process engine of the desktop app on the same data directory and
// config as the headless host, plus the control endpoint so the CLI can reach it.
import { existsSync } from 'node:fs';
import { createEngine, type Engine, type EngineLog } from '../engine/index';
import { loadHostConfig } from '../engine/host/host-config';
import { loadOrCreateToken, removeControlInfo, startControlServer, writeControlInfo, type ControlServer } from '../engine/http/index';
import { describeStartupFailure, type StartupProblem } from './startup-problems';

export interface DesktopHostOptions {
  dataDir: string;
  version: string;
  /** better_sqlite3.node for Electron's ABI; omitted where node_modules already matches. */
  nativeBinding?: string;
  /** The built console (out/renderer), served to browsers by the control endpoint. */
  consoleDir?: string;
  pid: number;
  log: EngineLog;
}

export interface DesktopHost {
  readonly engine: Engine;
  /** Null when the control endpoint could not start; the window still works over IPC. */
  readonly control: ControlServer | null;
  /** Why the control endpoint is missing, for the operator. */
  readonly controlProblem: string | null;
  /** Graceful: control endpoint closed, messages in DATA finish, store closed. */
  stop(): Promise<void>;
}

export type DesktopStart = { ok: true; host: DesktopHost } | { ok: false; problem: StartupProblem };

const SHUTDOWN_GRACE_MS = 10_000;

export async function startDesktopHost(options: DesktopHostOptions): Promise<DesktopStart> {
  const { dataDir, log } = options;
  let engine: Engine;
  try {
    const config = loadHostConfig(dataDir, undefined);
    engine = createEngine({ config, dataDir, version: options.version, nativeBinding: options.nativeBinding, log });
  } catch (error) {
    return { ok: false, problem: describeStartupFailure(error, dataDir) };
  }
  try {
    // A listener that fails (port taken) is shown on the status screen, not fatal.
    await engine.start();
  } catch (error) {
    await engine.stop(0);
    return { ok: false, problem: describeStartupFailure(error, dataDir) };
  }
  const { control, controlProblem } = await startControl(engine, options);
  let stopping: Promise<void> | null = null;
  return {
    ok: true,
    host: {
      engine,
      control,
      controlProblem,
      stop() {
        stopping ??= (async () => {
          if (control) {
            removeControlInfo(dataDir);
            await control.close();
          }
          await engine.stop(SHUTDOWN_GRACE_MS);
        })();
        return stopping;
      },
    },
  };
}

async function startControl(engine: Engine, options: DesktopHostOptions): Promise<{ control: ControlServer | null; controlProblem: string | null }> {
  const { host, port, allowedOrigins } = engine.config.control;
  try {
    const control = await startControlServer(engine.api, {
      host,
      port,
      token: loadOrCreateToken(options.dataDir),
      allowedOrigins,
      consoleDir: options.consoleDir && existsSync(options.consoleDir) ? options.consoleDir : undefined,
      log: options.log,
    });
    writeControlInfo(options.dataDir, { url: control.url, pid: options.pid, startedAt: Date.now(), host: 'desktop' });
    return { control, controlProblem: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const controlProblem = code === 'EADDRINUSE'
      ? `The console port ${host}:${port} is in use, so \`relaydesk status\` and browsers cannot reach this app; set control.port in the config.`
      : `The console endpoint could not start: ${error instanceof Error ? error.message : String(error)}`;
    options.log('warn', controlProblem);
    return { control: null, controlProblem };
  }
}
