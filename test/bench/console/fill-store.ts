// Fills a fresh data directory's store with a large queue, fast: the engine's own
// openDatabase and migrations create the schema, then plain INSERTs in a few large
// transactions write messages and recipients as the engine would have (no SMTP, no
// group commit). The indexes the migrations made are dropped for the load and rebuilt
// from their own definitions after it (a sort instead of a million random inserts), and
// the file is journaled in WAL again before the engine opens it. The triggers that keep
// recipient_counts are set aside the same way, and the counts made once from the rows.
// Deterministic: the same size gives the same rows.
import { join } from 'node:path';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { createQueueIdGenerator } from '../../../engine/shared/ids';
import { DATABASE_FILE } from '../../support/store-file';

export interface FilledStore {
  recipients: number;
  messages: number;
  seconds: number;
  /** Values that exist in the store, for the filter measurements. */
  samples: { address: string; messageId: string; bigDomain: string; smallDomain: string };
}

const RECIPIENTS_PER_MESSAGE = 4;
const DOMAINS = 5000;
const TRANSACTION_ROWS = 50_000;
const SPAN_MS = 3 * 24 * 3_600_000;
const HOUR = 3_600_000;
const NAMED = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com', 'aol.com', 'gmx.de', 'web.de', 'orange.fr', 'comcast.net'];
/** How a queue that has been running for days looks: mostly waiting, some outcomes. */
const STATES: ReadonlyArray<[string, number]> = [['queued', 0.45], ['deferred', 0.3], ['held', 0.05], ['delivered', 0.12], ['bounced', 0.04], ['suppressed', 0.02], ['expired', 0.02]];

/** mulberry32: a small seeded generator, so every run fills the same store. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Zipf-like: a few big mailbox providers, a long tail of small domains. */
function domainPicker(random: () => number): () => string {
  const names = Array.from({ length: DOMAINS }, (_, i) => NAMED[i] ?? `d${i}.example`);
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= DOMAINS; rank++) cumulative.push((total += 1 / rank ** 1.1));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = DOMAINS - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return names[low]!;
  };
}

export function fillStore(dataDir: string, recipients: number, now = Date.now()): FilledStore {
  const started = performance.now();
  const path = join(dataDir, DATABASE_FILE);
  const db = openDatabase({ path });
  migrate(db, path);
  // A fresh file nobody else has open: if the fill is interrupted, it is simply made again.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('messages', 'recipients')`).all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'recipients'`).all() as Array<{ name: string; sql: string }>;
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  const random = seeded(recipients);
  const pickDomain = domainPicker(random);
  const pickState = (): string => {
    let roll = random();
    for (const [state, share] of STATES) if ((roll -= share) < 0) return state;
    return 'queued';
  };
  const insertMessage = db.prepare(`INSERT INTO messages (id, received_at, source, stream, mail_from, sender_domain, header_from, subject,
    message_id_header, size, recipient_count, raw, route) VALUES (?, ?, 'smtp', ?, ?, 'shop.example', ?, ?, ?, ?, ?, ?, 'direct')`);
  const insertRecipient = db.prepare(`INSERT INTO recipients (message_id, address, domain, stream, state, attempts, next_attempt_at, expires_at,
    last_reply, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const raw = Buffer.from('From: shop@shop.example\r\nTo: customer\r\nSubject: Your order\r\n\r\nThank you for your order.\r\n');
  const messages = Math.ceil(recipients / RECIPIENTS_PER_MESSAGE);
  const first = now - SPAN_MS;
  let clock = first;
  const nextId = createQueueIdGenerator(() => clock);
  const samples = { address: '', messageId: '', bigDomain: NAMED[0]!, smallDomain: '' };
  let written = 0;

  const writeBatch = db.transaction((fromMessage: number, toMessage: number) => {
    for (let m = fromMessage; m < toMessage; m++) {
      // Creation time grows with the row id, as it does in a real store.
      clock = first + Math.floor((m / messages) * SPAN_MS);
      const id = nextId();
      const stream = random() < 0.7 ? 'transactional' : 'bulk';
      const count = Math.min(RECIPIENTS_PER_MESSAGE, recipients - written);
      insertMessage.run(id, clock, stream, 'shop@shop.example', 'Shop <shop@shop.example>', `Order ${m}`, `<${id}@shop.example>`, raw.length, count, raw);
      for (let r = 0; r < count; r++) {
        const domain = pickDomain();
        const address = `customer${written}@${domain}`;
        const state = pickState();
        const isWaiting = state === 'queued' || state === 'deferred' || state === 'held';
        const attempts = state === 'deferred' ? 1 + Math.floor(random() * 6) : state === 'queued' || state === 'held' ? 0 : 1;
        // Nothing is due while the benchmark runs: waiting mail is scheduled 1-48 h ahead.
        const nextAttemptAt = isWaiting ? now + HOUR + Math.floor(random() * 47 * HOUR) : clock;
        const updatedAt = clock + Math.floor(random() * HOUR);
        const reply = state === 'deferred' ? '451 4.7.1 Please try again later' : state === 'bounced' ? '550 5.1.1 User unknown' : null;
        insertRecipient.run(id, address, domain, stream, state, attempts, nextAttemptAt, now + 2 * 24 * HOUR, reply,
          state === 'held' ? 'Held by the operator; release it to send.' : null, clock, updatedAt);
        if (written === Math.floor(recipients / 2)) Object.assign(samples, { address, messageId: id });
        if (domain.startsWith('d4') && !samples.smallDomain) samples.smallDomain = domain;
        written++;
      }
    }
  });
  const messagesPerBatch = Math.ceil(TRANSACTION_ROWS / RECIPIENTS_PER_MESSAGE);
  for (let m = 0; m < messages; m += messagesPerBatch) writeBatch(m, Math.min(messages, m + messagesPerBatch));
  // No ANALYZE: the engine never runs it, so the planner sees what it sees in production.
  for (const index of indexes) db.exec(index.sql);
  db.exec(`DELETE FROM recipient_counts;
    INSERT INTO recipient_counts (domain, stream, state, count) SELECT domain, stream, state, COUNT(*) FROM recipients GROUP BY domain, stream, state`);
  for (const trigger of triggers) db.exec(trigger.sql);
  db.pragma('journal_mode = WAL');
  db.close();
  return { recipients: written, messages, seconds: (performance.now() - started) / 1000, samples };
}
