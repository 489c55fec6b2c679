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
        if (sessionId && recorder.get(sessionId)) recorder.line(sessionId, 'info', `connection error: ${meta.err?.message ?? text}`);
        else log('warn', `smtp: ${text}`);
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
