// SecretBox for the headless host: AES-256-GCM under a random key kept in a 0600 file
// in the data directory, so a copied database alone does not reveal its secrets.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from '../shared/secret-box';
import { StoreError } from '../shared/errors';

export const SECRET_KEY_FILE = 'secret.key';
const VERSION = 'v1';

export function openKeyFileSecretBox(dataDir: string): SecretBox {
  const path = join(dataDir, SECRET_KEY_FILE);
  let key: Buffer;
  if (existsSync(path)) {
    key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new StoreError(`${path} does not hold a 256-bit key; restore it from a backup.`);
  } else {
    key = randomBytes(32);
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return {
    description: `key file ${path}`,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new StoreError('A sealed secret is malformed.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new StoreError(`A sealed secret could not be opened with ${path} (was the key file replaced?).`, { cause: error });
      }
    },
  };
}
