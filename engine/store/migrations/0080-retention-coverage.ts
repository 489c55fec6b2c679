// Indexes that let retention reach opens, clicks and inbound reports: a message's inbound
// reports go with it (inbound.list filters by message through the same index), and the
// rows that still carry content (a tracking event's link, IP and user agent; a report's
// fields) are found without revisiting those already cleared.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE INDEX inbound_reports_by_message ON inbound_reports (message_id, id) WHERE message_id IS NOT NULL;
    -- Partial, as messages_by_body_age: a row drops out once retention clears its content.
    CREATE INDEX tracking_events_with_details ON tracking_events (at)
      WHERE url IS NOT NULL OR user_agent IS NOT NULL OR ip IS NOT NULL;
    CREATE INDEX inbound_reports_with_fields ON inbound_reports (at) WHERE fields <> '{}';
  `);
}
