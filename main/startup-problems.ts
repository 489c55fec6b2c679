// Turns a failure to start the engine into a title and sentences for a dialog: what
// happened and what the operator can do about it.
import { EngineError } from '../engine/shared/errors';

export interface StartupProblem {
  title: string;
  message: string;
}

export function describeStartupFailure(error: unknown, dataDir: string): StartupProblem {
  if (error instanceof EngineError) {
    switch (error.code) {
      case 'conflict':
        return {
          title: 'Relaydesk is already running on this data directory',
          message: `${error.message}\n\nQuit the other Relaydesk (for example \`relaydesk serve\`) and start the app again, ` +
            'or start the app with RELAYDESK_DATA_DIR set to another directory.',
        };
      case 'config':
        return { title: 'The Relaydesk configuration has errors', message: `${error.message}\n\nFix the config in ${dataDir} and start again.` };
      case 'store_from_future':
        return { title: 'The database is from a newer Relaydesk', message: error.message };
      case 'store':
        return { title: 'The Relaydesk database could not be opened', message: `${error.message}\n\nData directory: ${dataDir}` };
      default:
        return { title: 'Relaydesk could not start', message: error.message };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  // Node's loader says this when an addon was built for another runtime's ABI.
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return {
      title: 'The SQLite module was built for another runtime',
      message: `${message}\n\nRun \`npm run build:native\` to build better-sqlite3 for this Electron, then start again.`,
    };
  }
  return { title: 'Relaydesk could not start', message };
}

/** For a problem found before the engine is created (e.g. no native module). */
export function nativeModuleProblem(message: string): StartupProblem {
  return { title: 'The SQLite module for the desktop app is missing', message };
}
