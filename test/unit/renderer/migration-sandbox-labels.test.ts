// Pure pieces of the Migration and Sandbox pages: live migrations merged by id without an
// older copy undoing a newer one, percentages of thresholds, and chaos rules in words.
import { describe, expect, it } from 'vitest';
import type { MigrationView } from '../../../engine/api/contract';
import { percentOf } from '../../../renderer/views/migration/migration-labels';
import { upsertMigration } from '../../../renderer/views/migration/use-migrations';
import { describeAction, describeMatch } from '../../../renderer/views/sandbox/chaos-labels';

const migration = (id: number, updatedAt: number, state: MigrationView['state'] = 'preparing') => ({ id, updatedAt, state }) as MigrationView;

describe('live migrations', () => {
  it('adds new migrations on top and replaces known ones in place', () => {
    const list = [migration(2, 10), migration(1, 10)];
    expect(upsertMigration(list, migration(3, 20)).map((m) => m.id)).toEqual([3, 2, 1]);
    expect(upsertMigration(list, migration(1, 11, 'parallel')).map((m) => [m.id, m.state])).toEqual([[2, 'preparing'], [1, 'parallel']]);
  });

  it('keeps the newer copy when an older one arrives late', () => {
    const list = [migration(1, 30, 'rolled-back')];
    expect(upsertMigration(list, migration(1, 20, 'parallel'))).toBe(list);
  });
});

describe('words', () => {
  it('writes thresholds as percentages', () => {
    expect([percentOf(0.05), percentOf(0.003), percentOf(0.15), percentOf(null)]).toEqual(['5 %', '0.3 %', '15 %', '—']);
  });

  it('says what a chaos rule matches and answers', () => {
    expect(describeMatch({ id: 'a', isEnabled: true, probability: 1, recipient: 'gone-*@*', action: { kind: 'reply', code: 550 } })).toBe('to gone-*@* on sandbox');
    expect(describeMatch({ id: 'b', isEnabled: true, probability: 1, sender: '*@shop.test', routes: ['direct'], action: { kind: 'disconnect' } })).toBe('from *@shop.test on direct');
    expect(describeAction({ kind: 'reply', code: 450 })).toBe('Reply 450 (mailbox busy: deferred)');
    expect(describeAction({ kind: 'reply', code: 550, enhanced: '5.1.1', text: 'Gone' })).toBe('Reply 550 5.1.1 Gone (no such user: bounced and suppressed)');
    expect(describeAction({ kind: 'slow', delayMs: 5000 })).toMatch(/^Answer after 5.000 ms$/);
  });
});
