// A worker thread beside the writer: it checkpoints the WAL with its own connection, so
// copying pages into the database file and the fsyncs that go with it never stall the
// event loop (the writer runs with wal_autocheckpoint=0; PASSIVE never blocks it), and it
// runs the console's whole-table reads (queue shape, waiting by domain) on a read-only
// connection, so a report over a million rows never blocks SMTP sessions either.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 1000;

// Runs as a CommonJS script inside the worker; everything it needs comes in workerData.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const options = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
const db = new Database(workerData.path, options);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const reader = new Database(workerData.path, { ...options, readonly: true });
reader.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(timer);
    checkpoint();
    reader.close();
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ type: 'rows', id: message.id, rows: reader.prepare(message.sql).all(message.params) });
  } catch (error) {
    parentPort.postMessage({ type: 'rows', id: message.id, error: String(error && error.message || error) });
  }
});
`;

export interface StoreWorker {
  /** Runs a read-only query on the worker's own connection. */
  read<T>(sql: string, params: Record<string, unknown>): Promise<T[]>;
  close(): Promise<void>;
}

export function startStoreWorker(path: string, nativeBinding: string | undefined, onFailure: (message: string) => void): StoreWorker {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, nativeBinding, modulePath, everyMs: CHECKPOINT_EVERY_MS } });
  const pending = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();
  let nextId = 1;
  worker.on('message', (message: { type: string; id?: number; rows?: unknown[]; error?: string; message?: string }) => {
    if (message.type === 'failed') return onFailure(message.message ?? 'unknown error');
    const waiter = pending.get(message.id!);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.rows ?? []);
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', (error) => onFailure(error.message));
  worker.unref();
  return {
    read<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
      const id = nextId++;
      // Referenced while a read is outstanding, so the process waits for its answer.
      worker.ref();
      return new Promise<T[]>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        worker.postMessage({ id, sql, params });
      });
    },
    // Referenced again while closing: an unreferenced worker would let the process end
    // before the last checkpoint, and before whoever awaits this goes on.
    close: () => new Promise((resolve) => {
      worker.ref();
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    }),
  };
}
