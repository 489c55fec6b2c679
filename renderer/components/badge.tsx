// A small status label whose colour backs up, never replaces, its text.
import type { ReactNode } from 'react';

export type BadgeTone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';

export function Badge({ tone, testId, children }: { tone: BadgeTone; testId?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
