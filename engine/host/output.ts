// Terminal output for the CLI: aligned tables for people, JSON for scripts.

export interface Output {
  readonly isJson: boolean;
  /** Prints `value` as JSON in --json mode, else the human text. */
  result(value: unknown, human: () => string): void;
  line(text: string): void;
  error(text: string): void;
}

export function createOutput(isJson: boolean, write = (text: string) => process.stdout.write(text),
  writeError = (text: string) => process.stderr.write(text)): Output {
  return {
    isJson,
    result(value, human) {
      write(isJson ? `${JSON.stringify(value)}\n` : `${human()}\n`);
    },
    line(text) {
      write(`${text}\n`);
    },
    error(text) {
      writeError(`${text}\n`);
    },
  };
}

/** Columns padded to their widest cell; the last column is never padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [render(headers), ...rows.map(render)].join('\n');
}

export function formatTime(at: number | null): string {
  return at === null ? '-' : new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** `90s`, `15m`, `24h`, `7d` -> milliseconds. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}
