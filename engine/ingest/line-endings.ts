// Line-ending hygiene for message content: bare CR/LF detection and repair, and the
// 998-octet line limit of RFC 5322 §2.1.1.
const CR = 0x0d;
const LF = 0x0a;

export const MAX_LINE_OCTETS = 998;

export interface LineScan {
  /** LFs not preceded by CR plus CRs not followed by LF. */
  bareLineEnds: number;
  /** The first line longer than 998 octets (1-based), if any. */
  overlongLine: { number: number; octets: number } | null;
}

export function scanLines(buffer: Buffer): LineScan {
  let bareLineEnds = 0;
  let overlongLine: LineScan['overlongLine'] = null;
  let lineStart = 0;
  let lineNumber = 1;
  for (let lf = buffer.indexOf(LF); lf >= 0; lf = buffer.indexOf(LF, lf + 1)) {
    const hasCr = lf > 0 && buffer[lf - 1] === CR;
    if (!hasCr) bareLineEnds++;
    const octets = lf - lineStart - (hasCr ? 1 : 0);
    if (!overlongLine && octets > MAX_LINE_OCTETS) overlongLine = { number: lineNumber, octets };
    lineStart = lf + 1;
    lineNumber++;
  }
  if (!overlongLine && buffer.length - lineStart > MAX_LINE_OCTETS) {
    overlongLine = { number: lineNumber, octets: buffer.length - lineStart };
  }
  for (let cr = buffer.indexOf(CR); cr >= 0; cr = buffer.indexOf(CR, cr + 1)) {
    if (buffer[cr + 1] !== LF) bareLineEnds++;
  }
  return { bareLineEnds, overlongLine };
}

/** Rewrites every bare CR and bare LF as CRLF, so what is stored and relayed is canonical. */
export function normalizeLineEnds(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  let copyFrom = 0;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (byte === CR) {
      if (buffer[i + 1] === LF) {
        i++;
        continue;
      }
    } else if (byte !== LF) {
      continue;
    }
    parts.push(buffer.subarray(copyFrom, i), CRLF);
    copyFrom = i + 1;
  }
  if (parts.length === 0) return buffer;
  parts.push(buffer.subarray(copyFrom));
  return Buffer.concat(parts);
}

const CRLF = Buffer.from('\r\n');
