// A failure to start becomes a dialog title and sentences that say what to do.
import { describe, expect, it } from 'vitest';
import { ConfigError, ConflictError, StoreFromFutureError } from '../../../engine/shared/errors';
import { describeStartupFailure } from '../../../main/startup-problems';

describe('describeStartupFailure', () => {
  it('names the conflict and both ways out when another host holds the data directory', () => {
    const problem = describeStartupFailure(new ConflictError('Another Relaydesk (pid 42) is using the data directory /d.'), '/d');
    expect(problem.title).toBe('Relaydesk is already running on this data directory');
    expect(problem.message).toMatch(/pid 42[\s\S]*Quit the other Relaydesk[\s\S]*RELAYDESK_DATA_DIR/);
  });

  it('points at the config for config errors and passes the database version error through', () => {
    expect(describeStartupFailure(new ConfigError('listeners[0].name: bad'), '/d')).toEqual({
      title: 'The Relaydesk configuration has errors',
      message: 'listeners[0].name: bad\n\nFix the config in /d and start again.',
    });
    const future = new StoreFromFutureError(90, 10, '/d/relaydesk.db');
    expect(describeStartupFailure(future, '/d')).toEqual({ title: 'The database is from a newer Relaydesk', message: future.message });
  });

  it('recognises an addon built for another ABI and says how to rebuild it', () => {
    const error = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150.");
    const problem = describeStartupFailure(error, '/d');
    expect(problem.title).toBe('The SQLite module was built for another runtime');
    expect(problem.message).toContain('npm run build:native');
  });

  it('falls back to the error message for anything else', () => {
    expect(describeStartupFailure(new Error('EACCES: permission denied, mkdir /d'), '/d')).toEqual({
      title: 'Relaydesk could not start',
      message: 'EACCES: permission denied, mkdir /d',
    });
  });
});
