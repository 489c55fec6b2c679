// Adapts smtp-server's bunyan-style logger calls into transcript lines. smtp-server
// already redacts AUTH arguments and continuation lines ("/* secured */") and reduces
// the message body to a byte count, so secrets and content never reach the transcript.
import { format } from 'node:util';
import type { SessionRecorder } from './session-recorder';

export type EngineLog = (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;

interface LogMeta {
  tnx?: string;
  cid?: string;
  err?: Error;
}

type LogCall = (meta: LogMeta | undefined, message?: string, ...args: unknown[]) => void;

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

function errorCode(error: Error | undefined): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? '';
}

export function createTranscriptLogger(recorder: SessionRecorder, log: EngineLog): Record<
  'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
  LogCall
> {
  const record: LogCall = (meta, message, ...args) => {
    const cid = meta?.cid;
    switch (meta?.tnx) {
      case 'command':
        if (cid) recorder.line(cid, 'client', String(args[0] ?? ''));
        return;
      case 'data':
        if (cid) recorder.line(cid, 'client', `<message data: ${String(args[0])} bytes>`);
        return;
      case 'send':
        if (cid) for (const line of String(args[0] ?? '').split('\r\n')) recorder.line(cid, 'server', line);
        return;
      case 'error': {
        // smtp-server logs socket errors as '%s %s %s' with the session id first.
        const sessionId = typeof args[0] === 'string' ? args[0] : undefined;
        const text = format(message ?? '', ...args);
        const live = sessionId ? recorder.get(sessionId) : undefined;
        if (!live) log('warn', `smtp: ${text}`);
        else if (live.hasQuit && RESET_CODES.has(errorCode(meta.err))) recorder.line(live.view.id, 'info', 'client reset the connection after QUIT');
        else recorder.line(live.view.id, 'info', `connection error: ${meta.err?.message ?? text}`);
        return;
      }
      default:
        // Connection, TLS and AUTH notes are written by the handlers, which know more.
        return;
    }
  };
  const ignore: LogCall = () => {};
  return { trace: ignore, debug: record, info: record, warn: record, error: record, fatal: record };
}
