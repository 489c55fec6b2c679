// The tracking tokens' HMAC key: made once per data directory, sealed at rest like the
// relay's other secrets. Rotating it would break the links in every message already sent.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index';
import type { SecretBox } from '../shared/secret-box';

const SETTING = 'tracking.key';

/** Runs while the engine is created, before any writer batch: a direct write is safe then. */
export function loadOrCreateTrackingKey(store: Store, secrets: SecretBox, now: number): Buffer {
  const sealed = store.settings.get<string>(SETTING);
  if (sealed !== undefined) return Buffer.from(secrets.open(sealed), 'base64');
  const key = randomBytes(32);
  store.settings.set(SETTING, secrets.seal(key.toString('base64')), now);
  return key;
}
