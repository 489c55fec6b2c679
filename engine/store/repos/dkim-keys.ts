// DKIM keys per sending domain; private keys are stored sealed.
import type { WriteDb } from '../database';

export interface StoredDkimKey {
  domain: string;
  selector: string;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  privateKeySealed: string;
  publicKey: string;
  state: 'pending' | 'active' | 'retired';
  createdAt: number;
  activatedAt: number | null;
  retiredAt: number | null;
}

export class DkimKeysRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], StoredDkimKey>(`SELECT domain, selector, algorithm, private_key_sealed AS privateKeySealed,
      public_key AS publicKey, state, created_at AS createdAt, activated_at AS activatedAt, retired_at AS retiredAt
      FROM dkim_keys ORDER BY domain, created_at`);
    this.upsertStatement = db.prepare(`INSERT INTO dkim_keys (domain, selector, algorithm, private_key_sealed, public_key,
      state, created_at, activated_at, retired_at)
      VALUES (@domain, @selector, @algorithm, @privateKeySealed, @publicKey, @state, @createdAt, @activatedAt, @retiredAt)
      ON CONFLICT (domain, selector) DO UPDATE SET state = excluded.state, activated_at = excluded.activated_at,
        retired_at = excluded.retired_at`);
    this.deleteStatement = db.prepare('DELETE FROM dkim_keys WHERE domain = ? AND selector = ?');
  }

  list(): StoredDkimKey[] {
    return this.listStatement.all();
  }

  save(key: StoredDkimKey): void {
    this.upsertStatement.run(key);
  }

  remove(domain: string, selector: string): boolean {
    return this.deleteStatement.run(domain, selector).changes > 0;
  }
}
