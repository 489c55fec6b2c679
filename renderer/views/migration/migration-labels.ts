// The words and badge tones the Migration page uses for the contract's migration enumerations.
import type { ChecklistStep, DnsChange, FactNote, MigrationHistoryEntry, MigrationState } from '../../../engine/api/contract';
import type { BadgeTone } from '../../components/badge';

export const STATE_TEXT: Record<MigrationState, { label: string; tone: BadgeTone }> = {
  preparing: { label: 'Preparing', tone: 'info' },
  parallel: { label: 'Sending in parallel', tone: 'ok' },
  paused: { label: 'Paused', tone: 'warn' },
  'rolled-back': { label: 'Rolled back', tone: 'bad' },
  completed: { label: 'Completed', tone: 'ok' },
};

export const STEP_STATUS_TEXT: Record<ChecklistStep['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'To do', tone: 'neutral' },
  done: { label: 'Done', tone: 'ok' },
  failed: { label: 'Not yet', tone: 'bad' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};

export const DNS_ACTION_TEXT: Record<DnsChange['action'], { label: string; tone: BadgeTone }> = {
  publish: { label: 'Publish', tone: 'info' },
  keep: { label: 'Keep', tone: 'neutral' },
  remove: { label: 'Remove', tone: 'warn' },
};

export const HISTORY_TEXT: Record<MigrationHistoryEntry['kind'], string> = {
  started: 'Started',
  step: 'Checklist',
  split: 'Split',
  paused: 'Paused',
  resumed: 'Resumed',
  'rolled-back': 'Rolled back',
  completed: 'Completed',
  imported: 'Suppressions',
  'test-sent': 'Test message',
};

export const CONFIDENCE_TEXT: Record<FactNote['confidence'], { label: string; tone: BadgeTone }> = {
  high: { label: 'Checked against the provider\'s docs', tone: 'ok' },
  medium: { label: 'Likely; check the provider\'s docs', tone: 'warn' },
  low: { label: 'Unsure; check the provider\'s docs', tone: 'bad' },
};

/** 5 %, 0.3 %, 12.35 %: thresholds and rates are fractions in the contract. */
export function percentOf(fraction: number | null): string {
  if (fraction === null) return '—';
  return `${Number((fraction * 100).toFixed(2))} %`;
}
