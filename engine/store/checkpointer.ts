// Checkpoints the WAL from a worker thread with its own connection, so copying pages into
// the database file and the two fsyncs that go with it never stall the event loop. The
// writer connection runs with wal_autocheckpoint=0; PASSIVE never blocks it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 1000;

// Runs as a CommonJS script inside the worker; everything it needs comes in workerData.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', result });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

export function startCheckpointer(
  path: string,
  nativeBinding: string | undefined,
  onFailure: (message: string) => void,
): Checkpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, nativeBinding, modulePath, everyMs: CHECKPOINT_EVERY_MS } });
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'failed') onFailure(message.message ?? 'unknown error');
  });
  worker.on('error', (error) => onFailure(error.message));
  worker.unref();
  return {
    // Referenced again while closing: an unreferenced worker would let the process end
    // before the last checkpoint, and before whoever awaits this goes on.
    close: () => new Promise((resolve) => {
      worker.ref();
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    }),
  };
}
