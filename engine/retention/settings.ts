// Retention settings per stream, kept in the settings table so the console can change them.
import type { RetentionSettings, StreamRetention } from '../api/contract';
import type { Store } from '../store/index';
import { ValidationError } from '../shared/errors';

const KEY = 'retention.settings';

/** Bodies and transcripts for a month, the record of what happened for a quarter. */
export const DEFAULT_RETENTION: RetentionSettings = {
  transactional: { bodyDays: 30, metadataDays: 90 },
  bulk: { bodyDays: 30, metadataDays: 90 },
};

export function readRetention(store: Store): RetentionSettings {
  return { ...DEFAULT_RETENTION, ...store.settings.get<Partial<RetentionSettings>>(KEY) };
}

export async function writeRetention(store: Store, patch: Partial<RetentionSettings>, now: number): Promise<RetentionSettings> {
  const next = { ...readRetention(store), ...patch };
  for (const [stream, retention] of Object.entries(next)) check(stream, retention);
  await store.writer.commit(() => store.settings.set(KEY, next, now));
  return next;
}

function check(stream: string, { bodyDays, metadataDays }: StreamRetention): void {
  // Bodies of messages still waiting to be delivered are never purged (purge.ts), so a
  // retention shorter than the retry window loses no mail.
  if (!Number.isInteger(bodyDays) || bodyDays < 1 || bodyDays > 3650) {
    throw new ValidationError(`${stream}: bodyDays must be a whole number of days from 1 to 3650 (3, 5, 15 and 30 are the usual choices).`, { field: `${stream}.bodyDays` });
  }
  if (!Number.isInteger(metadataDays) || metadataDays < bodyDays || metadataDays > 3650) {
    throw new ValidationError(`${stream}: metadataDays must be a whole number of days from bodyDays (${bodyDays}) to 3650.`, { field: `${stream}.metadataDays` });
  }
}
