// What a conversation line is about, beyond who said it: TLS starting, authentication, a
// policy decision, a message queued. Read from the engine's wording of its info lines and
// the SMTP verbs, so the transcript can flag them at a glance.
import type { TranscriptLine } from '../../engine/api/contract';

export type LineMarker = 'tls' | 'auth' | 'policy' | 'queued';

export const MARKER_LABELS: Record<LineMarker, string> = { tls: 'TLS', auth: 'AUTH', policy: 'POLICY', queued: 'QUEUED' };

export function lineMarker(line: Pick<TranscriptLine, 'kind' | 'text'>): LineMarker | null {
  const text = line.text;
  if (line.kind === 'client') {
    if (/^STARTTLS\b/i.test(text)) return 'tls';
    if (/^AUTH\b/i.test(text)) return 'auth';
    return null;
  }
  if (line.kind === 'server') return null;
  if (/^TLS established\b/.test(text)) return 'tls';
  if (/^authenticated as\b|AUTH (refused|failed)/.test(text)) return 'auth';
  if (/^queued as\b/.test(text)) return 'queued';
  if (/^policy:/.test(text)) return 'policy';
  return null;
}

/** Index of the next (direction 1) or previous (-1) engine note from `from`, or -1: stepping through decisions. */
export function nextInfoIndex(lines: readonly Pick<TranscriptLine, 'kind'>[], from: number, direction: 1 | -1): number {
  for (let index = from + direction; index >= 0 && index < lines.length; index += direction) {
    if (lines[index]!.kind === 'info') return index;
  }
  return -1;
}
