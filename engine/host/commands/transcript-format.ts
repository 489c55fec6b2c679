// One transcript line as the terminal shows it: time, direction, text.
import type { TranscriptLine } from '../../api/contract';

const MARKS: Record<TranscriptLine['kind'], string> = { client: 'C:', server: 'S:', info: '--' };

export function formatLine(line: TranscriptLine, withSession: boolean): string {
  const time = new Date(line.at).toISOString().slice(11, 23);
  return `${time} ${withSession ? `${line.sessionId} ` : ''}${MARKS[line.kind]} ${line.text}`;
}
