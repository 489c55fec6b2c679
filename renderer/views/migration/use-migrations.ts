// Every migration, live: the snapshot of 'migrations.live', then each migration as it
// changes. Results of the page's own calls are applied at once, before their event arrives.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ApiError, MigrationView } from '../../../engine/api/contract';

export interface LiveMigrations {
  /** Newest first; null until the snapshot arrives. */
  migrations: MigrationView[] | null;
  error: ApiError | null;
  apply(view: MigrationView): void;
}

/** `view` in the list, newest first: replaced in place, or added on top when new. */
export function upsertMigration(list: MigrationView[], view: MigrationView): MigrationView[] {
  const index = list.findIndex((item) => item.id === view.id);
  if (index < 0) return [view, ...list];
  // An older copy (a slow event after a newer call result) must not undo what is on screen.
  if (list[index]!.updatedAt > view.updatedAt) return list;
  return list.map((item, at) => (at === index ? view : item));
}

export function useMigrations(client: ApiClient): LiveMigrations {
  const [migrations, setMigrations] = useState<MigrationView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => client.subscribe('migrations.live', {}, {
    onSnapshot: (snapshot) => {
      setMigrations(snapshot);
      setError(null);
    },
    onEvent: (view) => setMigrations((current) => upsertMigration(current ?? [], view)),
    onError: setError,
  }), [client]);
  const apply = useCallback((view: MigrationView) => setMigrations((current) => upsertMigration(current ?? [], view)), []);
  return { migrations, error, apply };
}
