// Makes committed transactions durable without blocking the event loop: fdatasync of the
// WAL file runs on libuv's thread pool, and everyone who committed before a sync began is
// released when it ends. This is the fsync SQLite's synchronous=FULL would do inside
// COMMIT, moved off the thread that serves SMTP sessions; see database.ts.
import { closeSync, fdatasync, openSync } from 'node:fs';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class WalSync {
  private fd: number | null = null;
  private isSyncing = false;
  private isClosing = false;
  private waiting: Waiter[] = [];

  /** `walPath` is null for an in-memory database, which has nothing to sync. */
  constructor(private readonly walPath: string | null) {}

  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void> {
    if (this.walPath === null) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.isSyncing) this.start();
    });
  }

  /** Closes the file once the sync in flight, if any, is done. */
  close(): void {
    this.isClosing = true;
    if (!this.isSyncing) this.closeFile();
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.isSyncing = true;
    let fd: number;
    try {
      // Opened once, read-write: some platforms refuse to flush a read-only descriptor.
      fd = this.fd ??= openSync(this.walPath!, 'r+');
    } catch (error) {
      this.isSyncing = false;
      for (const waiter of batch) waiter.reject(error as Error);
      return;
    }
    fdatasync(fd, (error) => {
      this.isSyncing = false;
      for (const waiter of batch) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (this.waiting.length) this.start();
      else if (this.isClosing) this.closeFile();
    });
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
