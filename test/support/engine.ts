// An engine running in the test process on a temp data dir, listeners on 127.0.0.1:0.
import { createEngine, parseConfig, type Engine, type EngineConfigInput } from '../../engine/index';
import type { ListenerView } from '../../engine/api/contract';
import type { Clock } from '../../engine/shared/clock';
import { tempDir } from './temp-dir';

export interface TestRelay {
  engine: Engine;
  dataDir: string;
  listeners: ListenerView[];
  /** Port of the listener with this name. */
  port(name: string): number;
  stop(): Promise<void>;
}

export interface TestRelayOptions {
  dataDir?: string;
  clock?: Clock;
  /** Start the delivery scheduler (the engine's default); ingest tests turn it off to see recipients as accepted. */
  delivery?: boolean;
}

/** Defaults: a STARTTLS listener `submission`, an implicit TLS listener `submissions`, no AUTH delay, unverified sender domains accepted. */
export async function startTestRelay(overrides: EngineConfigInput = {}, options: TestRelayOptions = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? tempDir();
  const config = parseConfig({
    listeners: [
      { name: 'submission', port: 0, tls: 'starttls' },
      { name: 'submissions', port: 0, tls: 'implicit' },
    ],
    hostname: 'relay.test',
    control: { port: 0 },
    ...overrides,
    auth: { failureDelayMs: 0, ...overrides.auth },
    // Tests send from made-up domains; the sending-domain tests turn the check on themselves.
    domains: { requireVerified: false, ...overrides.domains },
  });
  const engine = createEngine({ config, dataDir, version: 'test', clock: options.clock });
  const listeners = await engine.start({ delivery: options.delivery });
  return {
    engine,
    dataDir,
    listeners,
    port(name) {
      const listener = listeners.find((l) => l.name === name);
      if (!listener) throw new Error(`No listener named ${name}`);
      return listener.port;
    },
    stop: () => engine.stop(1000),
  };
}
