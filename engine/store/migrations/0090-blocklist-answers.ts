// What a blocklist check actually got back: the list's return codes, and whether a check
// that could not tell was refused by the list (not a listing) or got no answer at all.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    -- JSON array of the A answer's addresses (RFC 5782 return codes); '[]' when nothing was listed or asked.
    ALTER TABLE blocklist_status ADD COLUMN return_codes TEXT NOT NULL DEFAULT '[]';
    -- 'refused': the list answered with a refusal code; 'failed': no usable answer. NULL when the check could tell.
    ALTER TABLE blocklist_status ADD COLUMN error_kind TEXT CHECK (error_kind IN ('refused', 'failed'));
    -- Before this column, a lookup without an answer was the only error worded "did not answer".
    UPDATE blocklist_status SET error_kind = CASE WHEN error LIKE '%did not answer%' THEN 'failed' ELSE 'refused' END
      WHERE error IS NOT NULL;
  `);
}
