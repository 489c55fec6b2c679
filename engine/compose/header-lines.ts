// A header block as its raw lines (folded continuation lines kept with their field), so
// fields can be removed, replaced or added without touching the bytes of the others.
// Latin-1 round-trips any byte, so UTF-8 header values (RFC 6532) come back unchanged.

export interface HeaderLine {
  /** Lower-cased field name. */
  name: string;
  /** The field with its continuation lines and final CRLF. */
  raw: string;
}

export function splitHeaderLines(block: Buffer): HeaderLine[] {
  const lines: HeaderLine[] = [];
  for (const line of block.toString('latin1').split(/(?<=\r\n)/)) {
    if (line === '' || line === '\r\n') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length) {
      lines[lines.length - 1]!.raw += line;
      continue;
    }
    const colon = line.indexOf(':');
    lines.push({ name: colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '', raw: line.endsWith('\r\n') ? line : `${line}\r\n` });
  }
  return lines;
}

export function joinHeaderLines(lines: readonly HeaderLine[]): Buffer {
  return Buffer.from(lines.map((line) => line.raw).join(''), 'latin1');
}

/** A new field, folded at commas when long (RFC 5322 §2.1.1 recommends lines of at most 78 characters). */
export function headerLine(name: string, value: string): HeaderLine {
  const items = value.split(/,\s*/);
  let raw = `${name}: ${items[0]}`;
  let width = raw.length;
  for (const item of items.slice(1)) {
    if (width + item.length + 2 > 78) {
      raw += `,\r\n ${item}`;
      width = item.length + 1;
    } else {
      raw += `, ${item}`;
      width += item.length + 2;
    }
  }
  return { name: name.toLowerCase(), raw: `${raw}\r\n` };
}
