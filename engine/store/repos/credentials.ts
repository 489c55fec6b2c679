// Credentials: SMTP (and later API) identities with their scopes and hashed secrets.
import type { WriteDb } from '../database';
import type { CredentialView, Stream } from '../../api/contract';

export interface StoredCredential extends CredentialView {
  secretHash: string;
  previousSecretHash: string | null;
}

interface CredentialRow {
  id: number;
  name: string;
  username: string;
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_valid_until: number | null;
  sender_domains: string;
  stream: Stream;
  client_networks: string;
  rate_limit_messages: number;
  rate_limit_window_ms: number;
  is_enabled: number;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

function rowToCredential(row: CredentialRow): StoredCredential {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    secretHash: row.secret_hash,
    previousSecretHash: row.previous_secret_hash,
    previousSecretValidUntil: row.previous_valid_until,
    senderDomains: JSON.parse(row.sender_domains) as string[],
    stream: row.stream,
    clientNetworks: JSON.parse(row.client_networks) as string[],
    rateLimit: { messages: row.rate_limit_messages, windowMs: row.rate_limit_window_ms },
    isEnabled: row.is_enabled === 1,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

function credentialToRow(credential: Omit<StoredCredential, 'id'>): Omit<CredentialRow, 'id'> {
  return {
    name: credential.name,
    username: credential.username,
    secret_hash: credential.secretHash,
    previous_secret_hash: credential.previousSecretHash,
    previous_valid_until: credential.previousSecretValidUntil,
    sender_domains: JSON.stringify(credential.senderDomains),
    stream: credential.stream,
    client_networks: JSON.stringify(credential.clientNetworks),
    rate_limit_messages: credential.rateLimit.messages,
    rate_limit_window_ms: credential.rateLimit.windowMs,
    is_enabled: credential.isEnabled ? 1 : 0,
    expires_at: credential.expiresAt,
    created_at: credential.createdAt,
    updated_at: credential.updatedAt,
    revoked_at: credential.revokedAt,
    last_used_at: credential.lastUsedAt,
  };
}

export class CredentialsRepo {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly byUsernameStatement;
  private readonly byIdStatement;
  private readonly listStatement;
  private readonly listAllStatement;
  private readonly touchStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`
      INSERT INTO credentials (name, username, secret_hash, previous_secret_hash, previous_valid_until,
        sender_domains, stream, client_networks, rate_limit_messages, rate_limit_window_ms, is_enabled,
        expires_at, created_at, updated_at, revoked_at, last_used_at)
      VALUES (@name, @username, @secret_hash, @previous_secret_hash, @previous_valid_until,
        @sender_domains, @stream, @client_networks, @rate_limit_messages, @rate_limit_window_ms, @is_enabled,
        @expires_at, @created_at, @updated_at, @revoked_at, @last_used_at)`);
    this.updateStatement = db.prepare(`
      UPDATE credentials SET name = @name, secret_hash = @secret_hash,
        previous_secret_hash = @previous_secret_hash, previous_valid_until = @previous_valid_until,
        sender_domains = @sender_domains, stream = @stream, client_networks = @client_networks,
        rate_limit_messages = @rate_limit_messages, rate_limit_window_ms = @rate_limit_window_ms,
        is_enabled = @is_enabled, expires_at = @expires_at, updated_at = @updated_at,
        revoked_at = @revoked_at
      WHERE id = @id`);
    this.byUsernameStatement = db.prepare<[string], CredentialRow>(
      'SELECT * FROM credentials WHERE username = ? AND revoked_at IS NULL');
    this.byIdStatement = db.prepare<[number], CredentialRow>('SELECT * FROM credentials WHERE id = ?');
    this.listStatement = db.prepare<[], CredentialRow>(
      'SELECT * FROM credentials WHERE revoked_at IS NULL ORDER BY created_at DESC, id DESC');
    this.listAllStatement = db.prepare<[], CredentialRow>('SELECT * FROM credentials ORDER BY created_at DESC, id DESC');
    this.touchStatement = db.prepare('UPDATE credentials SET last_used_at = @at WHERE id = @id');
  }

  insert(credential: Omit<StoredCredential, 'id'>): StoredCredential {
    const id = Number(this.insertStatement.run(credentialToRow(credential)).lastInsertRowid);
    return { ...credential, id };
  }

  update(credential: StoredCredential): void {
    this.updateStatement.run({ ...credentialToRow(credential), id: credential.id });
  }

  /** The live (not revoked) credential with this username. */
  byUsername(username: string): StoredCredential | undefined {
    const row = this.byUsernameStatement.get(username);
    return row && rowToCredential(row);
  }

  byId(id: number): StoredCredential | undefined {
    const row = this.byIdStatement.get(id);
    return row && rowToCredential(row);
  }

  list(includeRevoked: boolean): StoredCredential[] {
    return (includeRevoked ? this.listAllStatement : this.listStatement).all().map(rowToCredential);
  }

  touch(id: number, at: number): void {
    this.touchStatement.run({ id, at });
  }
}
