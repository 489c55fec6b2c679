// Sending domains: settings, verification status and the last report.
import type { WriteDb } from '../database';
import type { DnsRecordCheck, DomainStatus } from '../../api/contract';

export interface StoredDomain {
  domain: string;
  selectorPrefix: string;
  usesEd25519: boolean;
  returnPathDomain: string | null;
  allowUnverified: boolean;
  status: DomainStatus;
  mtaStsId: string;
  report: DnsRecordCheck[] | null;
  checkedAt: number | null;
  verifiedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface DomainRow {
  domain: string;
  selector_prefix: string;
  uses_ed25519: 0 | 1;
  return_path_domain: string | null;
  allow_unverified: 0 | 1;
  status: DomainStatus;
  mta_sts_id: string;
  report: string | null;
  checked_at: number | null;
  verified_at: number | null;
  created_at: number;
  updated_at: number;
}

export class SendingDomainsRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], DomainRow>('SELECT * FROM sending_domains ORDER BY domain');
    this.upsertStatement = db.prepare(`INSERT INTO sending_domains (domain, selector_prefix, uses_ed25519, return_path_domain,
      allow_unverified, status, mta_sts_id, report, checked_at, verified_at, created_at, updated_at)
      VALUES (@domain, @selector_prefix, @uses_ed25519, @return_path_domain, @allow_unverified, @status, @mta_sts_id, @report,
        @checked_at, @verified_at, @created_at, @updated_at)
      ON CONFLICT (domain) DO UPDATE SET selector_prefix = excluded.selector_prefix, uses_ed25519 = excluded.uses_ed25519,
        return_path_domain = excluded.return_path_domain, allow_unverified = excluded.allow_unverified, status = excluded.status,
        mta_sts_id = excluded.mta_sts_id, report = excluded.report, checked_at = excluded.checked_at,
        verified_at = excluded.verified_at, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare('DELETE FROM sending_domains WHERE domain = ?');
  }

  list(): StoredDomain[] {
    return this.listStatement.all().map(fromRow);
  }

  save(domain: StoredDomain): void {
    this.upsertStatement.run(toRow(domain));
  }

  remove(domain: string): boolean {
    return this.deleteStatement.run(domain).changes > 0;
  }
}

function fromRow(row: DomainRow): StoredDomain {
  return {
    domain: row.domain, selectorPrefix: row.selector_prefix, usesEd25519: row.uses_ed25519 === 1,
    returnPathDomain: row.return_path_domain, allowUnverified: row.allow_unverified === 1, status: row.status,
    mtaStsId: row.mta_sts_id, report: row.report ? (JSON.parse(row.report) as DnsRecordCheck[]) : null,
    checkedAt: row.checked_at, verifiedAt: row.verified_at, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toRow(domain: StoredDomain): DomainRow {
  return {
    domain: domain.domain, selector_prefix: domain.selectorPrefix, uses_ed25519: domain.usesEd25519 ? 1 : 0,
    return_path_domain: domain.returnPathDomain, allow_unverified: domain.allowUnverified ? 1 : 0, status: domain.status,
    mta_sts_id: domain.mtaStsId, report: domain.report ? JSON.stringify(domain.report) : null,
    checked_at: domain.checkedAt, verified_at: domain.verifiedAt, created_at: domain.createdAt, updated_at: domain.updatedAt,
  };
}
