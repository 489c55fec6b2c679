// A finished conversation (inbound submission or a delivery attempt) as a scrollable,
// virtual list of lines, for the message page.
import { useCallback } from 'react';
import type { TranscriptLine } from '../../engine/api/contract';
import { TRANSCRIPT_ROW_HEIGHT, TranscriptLineRow } from './transcript-line';
import { VirtualList } from './virtual-list';

const MAX_VISIBLE_ROWS = 24;

export function StaticTranscript({ lines, label, testId }: { lines: TranscriptLine[]; label: string; testId: string }) {
  const renderRow = useCallback((index: number) => {
    const line = lines[index];
    return line ? <TranscriptLineRow line={line} /> : null;
  }, [lines]);
  if (lines.length === 0) return <p className="empty" data-testid={`${testId}-empty`}>No lines were recorded.</p>;
  return (
    <div className="static-transcript" style={{ height: Math.min(lines.length, MAX_VISIBLE_ROWS) * TRANSCRIPT_ROW_HEIGHT + 2 }}>
      <VirtualList count={lines.length} rowHeight={TRANSCRIPT_ROW_HEIGHT} renderRow={renderRow} label={label} testId={testId} className="transcript-list" />
    </div>
  );
}
