// Runs a bench script with one cleanup stack: closers run in reverse order when the body
// returns, throws, or the user hits Ctrl-C, so no peer process outlives the script.
import { constants } from 'node:os';

const SHUTDOWN_GRACE_MS = 20_000;

export interface BenchScope {
  /** Aborted on SIGINT/SIGTERM; pass it to runSmtpSource so the load generator dies too. */
  signal: AbortSignal;
  /** Registers a closer (e.g. peer.stop); one registered after shutdown began runs at once. */
  defer(close: () => Promise<void>): void;
}

export async function runBenchScript(body: (scope: BenchScope) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const closers: Array<() => Promise<void>> = [];
  let closing: Promise<void> | undefined;
  const drain = async () => {
    for (let close = closers.pop(); close; close = closers.pop()) {
      try {
        await close();
      } catch (error) {
        console.error('cleanup failed:', error);
      }
    }
  };
  // Chained, so closers never run concurrently, even when Ctrl-C arrives during cleanup.
  const closeAll = () => (closing = (closing ?? Promise.resolve()).then(drain));
  const onSignal = (name: NodeJS.Signals) => {
    console.error(`\n${name}: stopping peers`);
    process.exitCode = 128 + constants.signals[name];
    controller.abort(new Error(`interrupted by ${name}`));
    void closeAll();
    // The body must settle too: a peer it is still starting cleans up after itself, and one
    // it defers now is closed at once. It normally fails fast once its peers are gone; this
    // bounds the wait if it does not.
    setTimeout(() => process.exit(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await body({
      signal: controller.signal,
      defer: (close) => {
        closers.push(close);
        if (closing) void closeAll();
      },
    });
  } catch (error) {
    // After Ctrl-C the body fails because its peers were stopped: not worth printing.
    if (!controller.signal.aborted) {
      process.exitCode = 1;
      console.error(error);
    }
  } finally {
    await closeAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
