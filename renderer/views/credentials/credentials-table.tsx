// Credentials with their scopes and state; each row offers edit, enable/disable, rotate
// and revoke (revoked ones only show when asked for).
import type { CredentialView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDateTime, formatDuration } from '../../lib/format';

export type CredentialAction = 'edit' | 'toggle' | 'rotate' | 'revoke';

const COLUMNS = ['Credential', 'State', 'Sender domains', 'Stream', 'Networks', 'Rate', 'Last used', hiddenColumn('Actions')];

function stateOf(credential: CredentialView, now: number): { tone: 'ok' | 'warn' | 'bad' | 'neutral'; text: string } {
  if (credential.revokedAt !== null) return { tone: 'bad', text: 'Revoked' };
  if (credential.expiresAt !== null && credential.expiresAt <= now) return { tone: 'bad', text: 'Expired' };
  if (!credential.isEnabled) return { tone: 'neutral', text: 'Disabled' };
  return { tone: 'ok', text: 'Active' };
}

interface CredentialsTableProps {
  credentials: CredentialView[];
  now: number;
  onAction(credential: CredentialView, action: CredentialAction): void;
}

export function CredentialsTable({ credentials, now, onAction }: CredentialsTableProps) {
  return (
    <DataTable label="SMTP credentials" testId="credentials" columns={COLUMNS}>
      {credentials.map((credential) => {
        const state = stateOf(credential, now);
        const isRevoked = credential.revokedAt !== null;
        return (
          <tr key={credential.id} data-testid={`credential-${credential.username}`}>
            <th scope="row">
              <span className="strong">{credential.name}</span>
              <span className="mono muted small block">{credential.username}</span>
            </th>
            <td>
              <Badge tone={state.tone} testId={`credential-state-${credential.username}`}>{state.text}</Badge>
              {credential.previousSecretValidUntil !== null && credential.previousSecretValidUntil > now ? (
                <span className="small muted block">old secret works {formatDuration(credential.previousSecretValidUntil - now)} more</span>
              ) : null}
              {credential.expiresAt !== null && credential.expiresAt > now ? <span className="small muted block">expires {formatDateTime(credential.expiresAt)}</span> : null}
            </td>
            <td className="mono small">{credential.senderDomains.join(', ')}</td>
            <td>{credential.stream}</td>
            <td className="mono small">{credential.clientNetworks.length ? credential.clientNetworks.join(', ') : 'any'}</td>
            <td className="mono small nowrap">{credential.rateLimit.messages} / {credential.rateLimit.windowMs / 1000}s</td>
            <td className="mono small nowrap">{credential.lastUsedAt ? formatDateTime(credential.lastUsedAt) : 'never'}</td>
            <td className="row-actions">
              <div>
                {isRevoked ? null : (
                  <>
                    <button type="button" className="button button-small" onClick={() => onAction(credential, 'edit')} data-testid={`credential-edit-${credential.username}`}>Edit</button>
                    <button type="button" className="button button-small" onClick={() => onAction(credential, 'toggle')} data-testid={`credential-toggle-${credential.username}`}>{credential.isEnabled ? 'Disable' : 'Enable'}</button>
                    <button type="button" className="button button-small" onClick={() => onAction(credential, 'rotate')} data-testid={`credential-rotate-${credential.username}`}>Rotate</button>
                    <button type="button" className="button button-small button-danger-outline" onClick={() => onAction(credential, 'revoke')} data-testid={`credential-revoke-${credential.username}`}>Revoke</button>
                  </>
                )}
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
